namespace GreenTierWorkflows.Bench;

/// <summary>The HTTP load harness over a national data set (filled in next).</summary>
internal static class LoadHarness
{
    public static Task<int> RunAsync(string[] args, Action<string> progress) => Task.FromResult(1);
}
