using GreenTierWorkflows.Runtime.Tests.TestSupport;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Infrastructure.Audit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The real web app on a SQLite file in a data directory that outlives one start, so a test can stop it and start it
/// again with other settings (demo mode off, Production, a first administrator). Audit records are collected in
/// <see cref="Audit"/> (the app's own sink keeps working behind it). With <c>postgres</c>, the data lives in a fresh
/// PostgreSQL database instead (scale-out mode's provider), dropped on dispose.
/// </summary>
public sealed class AccountApp(bool postgres = false) : IAsyncDisposable
{
    public const string DemoPassword = DemoApp.Password;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gtw-accounts-" + Guid.NewGuid().ToString("N"));
    private readonly TestPostgresDatabase? _postgres = postgres ? new() : null;
    private WebApplicationFactory<Program>? _factory;

    private readonly RecordingAuditLog _auditLog = new();

    public ConcurrentQueue<AuditRecord> Audit => _auditLog.Records;

    /// <summary>Where the SQLite file lives (kept across restarts, removed on dispose).</summary>
    public string DataDirectory => _dataDirectory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>Starts the app (stopping a running one first) with these settings on the same data directory.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string> settings, string environment = "Development")
    {
        await StopAsync();
        Directory.CreateDirectory(_dataDirectory);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("Scheduling:Provider", "InProcess");
            b.UseSetting("Data:Directory", _dataDirectory);
            b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
            b.UseSetting("Notices:PollSeconds", "0");
            _postgres?.UseForAppData(b);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(s => s.AddScoped<IAuditLog>(_ => _auditLog));
        });
        _ = _factory.Server; // start now: start-up failures surface here
    }

    public static Dictionary<string, string> Demo(bool enabled) => new() { ["Demo:Enabled"] = enabled ? "true" : "false", ["Demo:Password"] = DemoPassword };

    public async Task StopAsync()
    {
        if (_factory is null) return;
        await _factory.DisposeAsync();
        _factory = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public HttpClient NewClient(bool handleCookies = false) =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });

    /// <summary><c>POST /elsa/api/identity/login</c>: the access token, or null when sign-in is refused.</summary>
    public async Task<string?> TokenAsync(string user, string password)
    {
        using var client = NewClient();
        var response = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login answered {(int)response.StatusCode}: {body}");
        return body["isAuthenticated"]?.GetValue<bool>() == true ? body["accessToken"]!.GetValue<string>() : null;
    }

    public async Task<HttpClient> BearerAsync(string user, string password)
    {
        var token = await TokenAsync(user, password) ?? throw new InvalidOperationException($"{user} could not sign in.");
        return Bearer(token);
    }

    public HttpClient Bearer(string token)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in through the login form; the client (with its cookie) when that succeeded, else null.</summary>
    public async Task<HttpClient?> CookieAsync(string user, string password)
    {
        var client = NewClient(handleCookies: true);
        var (login, _) = await LoginForm.PostAsync(client, user, password);
        if (login.StatusCode == HttpStatusCode.Redirect) return client;
        client.Dispose();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _postgres?.Dispose();
        try { Directory.Delete(_dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
