using System.Diagnostics;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// maildev (npm, from the repository's node_modules) on free loopback ports: SMTP for MailKit, and its HTTP API
/// (<c>/api/email</c>) to read back what arrived. Started once per test class, killed afterwards.
/// </summary>
/// <remarks>
/// Each instance has its own mail directory. Without one, every maildev on the machine writes its .eml files to the
/// same <c>$TMPDIR/maildev</c>, and "delete all" (<see cref="ClearAsync"/>) empties that shared directory: a test
/// class clearing its inbox then deleted a message another class's maildev was still storing, which answered that
/// SMTP delivery with an error (seen in CI as one notice of eight missing).
/// </remarks>
public sealed class MaildevFixture : IAsyncLifetime
{
    public static string Script => Path.Combine(RepoPaths.Root, "node_modules", ".bin", "maildev");
    public static bool Available => File.Exists(Script);

    private readonly string _mailDirectory = Path.Combine(Path.GetTempPath(), "gtw-maildev-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    public int SmtpPort { get; private set; }
    public int WebPort { get; private set; }
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Available) return;
        SmtpPort = LoopbackPort.Free();
        WebPort = LoopbackPort.Free();
        await StartAsync();
    }

    /// <summary>Stops the server (SMTP down); <see cref="StartAsync"/> brings it back on the same ports, with an empty inbox.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    public async Task StartAsync()
    {
        // A configured directory is restored on start; the documented contract is an empty inbox after a restart.
        DeleteMailDirectory();
        Directory.CreateDirectory(_mailDirectory);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "node_modules/.bin/maildev", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", SmtpPort.ToString(), "-w", WebPort.ToString(), "--mail-directory", _mailDirectory })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http?.Dispose();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("/api/healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                string log;
                lock (_log) log = _log.ToString();
                throw new InvalidOperationException($"maildev did not become healthy on port {WebPort} (exited: {_process.HasExited}). Output:\n{log}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Every mail maildev holds: <c>id, subject, text, html, from[], to[]</c>.</summary>
    public async Task<JsonArray> EmailsAsync()
    {
        var json = await Http.GetStringAsync("/api/email");
        return JsonNode.Parse(json)!.AsArray();
    }

    public async Task ClearAsync()
    {
        using var response = await Http.DeleteAsync("/api/email/all");
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        DeleteMailDirectory();
        return Task.CompletedTask;
    }

    private void DeleteMailDirectory()
    {
        try { if (Directory.Exists(_mailDirectory)) Directory.Delete(_mailDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
