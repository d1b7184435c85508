using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using GreenTierWorkflows.Runtime.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// One app node as its own process (<c>dotnet GreenTierWorkflows.Web.dll</c>, the build the tests were built with) on a
/// free 127.0.0.1 port, configured by environment variables as an operator would; stopped (killed) on dispose.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    public const string Password = DemoApp.Password;
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Dictionary<string, HttpClient> _clients = new();
    private string? _home;
    private bool _disposed;

    public string Name { get; }
    public Uri BaseAddress { get; }

    private AppNode(string name, Process process, Uri baseAddress)
    {
        (Name, _process, BaseAddress) = (name, process, baseAddress);
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The web app's build output matching this test build's configuration (Release in CI).</summary>
    public static string WebAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(RepoPaths.Root, "src", "GreenTierWorkflows.Web", "bin", configuration, "net10.0", "GreenTierWorkflows.Web.dll");
        }
    }

    /// <summary>
    /// How long a node may take to answer <c>/health</c>: generous, because on a shared 2-core machine several builds
    /// and test processes may run beside it and migrations, seeding and the workflow import all happen at start-up.
    /// </summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Starts a node with <paramref name="settings"/> (configuration keys, <c>:</c> separated) and polls <c>/health</c> until it is 200.
    /// A node that exits or misses <paramref name="timeout"/> (default <see cref="DefaultStartTimeout"/>) is stopped and
    /// reported by an exception whose message carries its exit code and everything it wrote to stdout and stderr.
    /// </summary>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null, string scheme = "http")
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"{scheme}://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A home of its own, as on a machine of its own: nothing (e.g. ASP.NET Core's default key ring under
        // ~/.aspnet) is shared between nodes except through the database and the configured data directory.
        var home = Path.Combine(Path.GetTempPath(), $"gtw-node-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var node = new AppNode(name, Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), new Uri($"{scheme}://127.0.0.1:{port}"))
        {
            _home = home,
        };
        var limit = timeout ?? DefaultStartTimeout;
        var watch = Stopwatch.StartNew();
        using var probe = node.CreateClient();
        probe.Timeout = TimeSpan.FromSeconds(15);
        string lastProbe = "no answer yet";
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.IsSuccessStatusCode) return node;
                lastProbe = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e) { lastProbe = e.Message; }
            catch (TaskCanceledException) { lastProbe = "no answer within 15 s"; }
            var exited = node._process.HasExited;
            if (exited || watch.Elapsed > limit)
            {
                // Read everything about the process before it is disposed: afterwards even HasExited throws
                // ("No process is associated with this object"), which once hid the node's own output.
                var reason = exited
                    ? $"exited with code {node._process.ExitCode} after {watch.Elapsed.TotalSeconds:0} s"
                    : $"was not healthy after {watch.Elapsed.TotalSeconds:0} s (limit {limit.TotalSeconds:0} s; last probe: {lastProbe}) and was stopped";
                await node.DisposeAsync();
                throw new InvalidOperationException($"Node {name} on {node.BaseAddress} {reason}. Its output (stdout and stderr):\n{node.Log}");
            }
            await Task.Delay(500);
        }
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// A client of this node that does not follow redirects, with <paramref name="cookies"/> if given. An https node
    /// (started with a self-signed certificate its test made) is trusted without a certificate check: it is our own
    /// process on 127.0.0.1.
    /// </summary>
    public HttpClient CreateClient(System.Net.CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new() };
        if (BaseAddress.Scheme == Uri.UriSchemeHttps) handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A client signed in as the demo account <paramref name="user"/> on this node (bearer token).</summary>
    public async Task<HttpClient> ClientAsync(string user)
    {
        if (_clients.TryGetValue(user, out var existing)) return existing;
        var client = CreateClient();
        var token = await DemoApp.BearerTokenAsync(client, user);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _clients[user] = client;
    }

    /// <summary>Kills the node (if still running), waits for its output to drain and removes its home directory. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var client in _clients.Values) client.Dispose();
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // exited between the check and the kill
        }
        // The parameterless wait also waits for the redirected streams to reach end of file, so Log is complete.
        await _process.WaitForExitAsync();
        _process.WaitForExit();
        _process.Dispose();
        try { if (_home is not null) Directory.Delete(_home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
