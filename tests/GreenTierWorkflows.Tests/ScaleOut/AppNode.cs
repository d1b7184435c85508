using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.Notifications;

namespace GreenTierWorkflows.Tests.ScaleOut;

/// <summary>
/// One app node as its own process (<c>dotnet GreenTierWorkflows.Web.dll</c>, the build the tests were built with) on a
/// free 127.0.0.1 port, configured by environment variables as an operator would; stopped (killed) on dispose.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    public const string Password = "Demo#2026";
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Dictionary<string, HttpClient> _clients = new();
    private string? _home;

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

    /// <summary>Starts a node with <paramref name="settings"/> (configuration keys, <c>:</c> separated) and waits until <c>/health</c> is 200.</summary>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var port = NoticeTestSupport.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A home of its own, as on a machine of its own: nothing (e.g. ASP.NET Core's default key ring under
        // ~/.aspnet) is shared between nodes except through the database and the configured data directory.
        var home = Path.Combine(Path.GetTempPath(), $"gtw-node-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var node = new AppNode(name, Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), new Uri($"http://127.0.0.1:{port}"))
        {
            _home = home,
        };
        using var probe = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.IsSuccessStatusCode) return node;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (node._process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = node.Log;
                await node.DisposeAsync();
                throw new InvalidOperationException($"Node {name} did not become healthy (exited: {node._process.HasExited}). Output:\n{log}");
            }
            await Task.Delay(250);
        }
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>A client signed in as the demo account <paramref name="user"/> on this node (bearer token).</summary>
    public async Task<HttpClient> ClientAsync(string user)
    {
        if (_clients.TryGetValue(user, out var existing)) return existing;
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = Password });
        login.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _clients[user] = client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { if (_home is not null) Directory.Delete(_home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
