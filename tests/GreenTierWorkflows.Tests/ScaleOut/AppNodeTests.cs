namespace GreenTierWorkflows.Tests.ScaleOut;

/// <summary>
/// The failure paths of <see cref="AppNode"/>: a node that cannot start must be reported with its own output and exit
/// code, not hidden behind an exception thrown while the report is written.
/// </summary>
public sealed class AppNodeTests
{
    [Fact]
    public async Task StartAsync_ReportsExitCodeAndNodeOutput_WhenNodeExitsDuringStartUp()
    {
        var provider = "NoSuchProvider" + Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(Path.GetTempPath(), "gtw-appnode-" + Guid.NewGuid().ToString("N"));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppNode.StartAsync("failing", new Dictionary<string, string>
            {
                ["Data:Directory"] = data,
                ["Data:Provider"] = provider,
            }));

            Assert.Contains("Node failing", error.Message);
            Assert.Contains("exited with code", error.Message);
            // The node's own start-up error, as it wrote it to stderr.
            Assert.Contains($"当前为「{provider}」", error.Message);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_ReportsTimeoutAndStopsNode_WhenNodeIsNotHealthyInTime()
    {
        var data = Path.Combine(Path.GetTempPath(), "gtw-appnode-" + Guid.NewGuid().ToString("N"));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppNode.StartAsync("slow", new Dictionary<string, string>
            {
                ["Data:Directory"] = data,
            }, TimeSpan.FromMilliseconds(1)));

            Assert.Contains("Node slow", error.Message);
            Assert.Contains("was not healthy after", error.Message);
            Assert.Contains("Its output (stdout and stderr)", error.Message);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
