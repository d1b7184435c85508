using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The demo-mode app as the in-process fixtures start it: its settings, its start on a loopback port, a demo account's bearer token.</summary>
public static class DemoApp
{
    /// <summary>The password of every demo account (<c>Demo:Password</c>).</summary>
    public const string Password = "Demo#2026";

    /// <summary>
    /// Development, demo mode (demo accounts and data) with <see cref="Password"/>, in-process timers (Hangfire keeps
    /// process-wide state; its own tests run alone), the data (SQLite file) in <paramref name="dataDirectory"/> and the
    /// repository's workflows/ imported at start-up.
    /// </summary>
    public static void Configure(IWebHostBuilder builder, string dataDirectory)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Scheduling:Provider", "InProcess");
        builder.UseSetting("Data:Directory", dataDirectory);
        builder.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
    }

    /// <summary>Serves the app on Kestrel at a free 127.0.0.1 port and returns its address.</summary>
    public static Uri StartOnLoopback(WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    /// <summary><c>POST /elsa/api/identity/login</c> as <paramref name="user"/>: the access token (a refused sign-in fails with the answer).</summary>
    public static async Task<string> BearerTokenAsync(HttpClient client, string user, string password = Password)
    {
        using var response = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password });
        var body = await response.Content.ReadAsStringAsync();
        var json = response.IsSuccessStatusCode ? JsonNode.Parse(body) : null;
        if (json?["isAuthenticated"]?.GetValue<bool>() != true)
            throw new InvalidOperationException($"Login of {user} failed: {(int)response.StatusCode} {body}");
        return json["accessToken"]!.GetValue<string>();
    }
}
