using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenTierWorkflows.Tests.Security;

/// <summary>
/// The default sign-in limits (no <c>Security:SignIn</c> settings) let a bureau's morning rush through: every demo
/// account signing in again and again from one address, as many times as the per-address limit allows a minute, is
/// never throttled. (That the limit then answers 429 is <see cref="SignInLimitTests"/>' part, with small limits.)
/// </summary>
public sealed class SignInDefaultsTests : IAsyncLifetime
{
    private static readonly string[] Accounts =
        ["designer", "admin", "tunxi", "huangshanqu", "huizhou", "shexian", "xiuning", "yixian", "qimen", "gaoxin", "city", "verifier", "province"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gtw-signin-defaults-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => DemoApp.Configure(b, _dataDirectory));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MorningRushBehindOneAddress_IsNotThrottled_WithTheDefaults()
    {
        var defaults = new SignInProtectionOptions();
        Assert.True(defaults.PermitsPerAddress >= 100 && defaults.Window <= TimeSpan.FromMinutes(1), "defaults: at least 100 sign-ins a minute per address");
        Assert.True(defaults.PermitsPerAddress / Accounts.Length < defaults.PermitsPerAccount, "the rush below stays under the per-account limit");

        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < defaults.PermitsPerAddress; i++)
        {
            var user = Accounts[i % Accounts.Length];
            using var response = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = ElsaApiFixture.Password });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body)!["isAuthenticated"]!.GetValue<bool>(),
                $"sign-in {i + 1} ({user}): {(int)response.StatusCode} {body}");
        }
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
