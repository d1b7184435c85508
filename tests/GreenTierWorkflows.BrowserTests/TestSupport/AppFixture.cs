using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>
/// One web host process per test class: the built GreenTierWorkflows.Web.dll in demo mode on a free loopback port,
/// with a fresh temp working and data directory, the repository's workflows/ and the npm Elsa Studio package.
/// Ready when GET /health answers 200; killed (whole tree) on dispose. Its output is saved to artifacts/browser/app-*.log.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo#2026";
    /// <summary>
    /// Generous: with the machine shared (two test runs on two cores) the start-up alone took 14–15 s before the first request
    /// and /health missed 60 s, failing every test of the class; a healthy start is 3–5 s, and the wait polls.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private Process? _process;
    private readonly StringBuilder _log = new();
    private readonly object _logLock = new();

    public string BaseUrl { get; private set; } = "";
    public string TempDirectory { get; } = Path.Combine(Path.GetTempPath(), "gtw-browser-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Repo.StudioPackage))
            throw new InvalidOperationException($"Elsa Studio is not installed at {Repo.StudioPackage}; run scripts/setup-test-deps.sh.");
        Directory.CreateDirectory(TempDirectory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TempDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repo.WebDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Data__Directory"] = Path.Combine(TempDirectory, "data");
        start.Environment["Data__WorkflowsDirectory"] = Repo.WorkflowsDirectory;
        start.Environment["Studio__PackagePath"] = Repo.StudioPackage;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Notices__MaxAttempts"] = "1"; // no mail server here: each notice becomes a dead letter at its first failure (the outbox page test)

        foreach (var (key, value) in Settings) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The web host exited with code {_process.ExitCode} before it was ready.\n{Log}");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"GET {BaseUrl}/health did not answer 200 within {StartTimeout.TotalSeconds} s.\n{Log}");
            await Task.Delay(250);
        }
    }

    public string Log
    {
        get { lock (_logLock) return _log.ToString(); }
    }

    /// <summary>Settings a test class's host needs beyond demo mode (environment variables, e.g. a year's quota).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    public Task DisposeAsync()
    {
        if (_process is { } p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException) { }
            // The host's output is kept next to the screenshots; the temp working/data directory is removed.
            try { File.WriteAllText(Path.Combine(Repo.ArtifactsDirectory, $"app-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Path.GetFileName(TempDirectory)}.log"), Log); } catch (IOException) { }
            p.Dispose();
        }
        try { Directory.Delete(TempDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logLock) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
