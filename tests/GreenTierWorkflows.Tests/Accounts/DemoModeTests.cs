using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Domain.Audit;

namespace GreenTierWorkflows.Tests.Accounts;

/// <summary>Demo accounts outside demo mode, demo mode in Production, and the first administrator from configuration.</summary>
public sealed class DemoModeTests
{
    private const string RealPassword = "Bureau#2027x";

    [Fact]
    public async Task DemoAccounts_CannotSignIn_AfterRestartWithDemoModeOff_WhileOtherAccountsCan()
    {
        await using var app = new AccountApp();
        await app.StartAsync(AccountApp.Demo(true));
        var oldToken = await app.TokenAsync("shexian", AccountApp.DemoPassword);
        Assert.NotNull(oldToken);
        using (var admin = await app.BearerAsync("admin", AccountApp.DemoPassword))
        {
            var created = await admin.PostAsJsonAsync("/api/accounts", new { userName = "city-wang", displayName = "市经信局 王五", role = "CityReviewer", password = RealPassword });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            // A demo account whose password an administrator changed is no longer a published-password account.
            var reset = await admin.PostAsJsonAsync("/api/accounts/verifier/password", new { password = RealPassword });
            Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        }

        await app.StartAsync(AccountApp.Demo(false));

        foreach (var demo in new[] { "shexian", "city", "admin", "designer" })
        {
            Assert.Null(await app.TokenAsync(demo, AccountApp.DemoPassword));
            Assert.Null(await app.CookieAsync(demo, AccountApp.DemoPassword));
        }
        using (var stale = app.Bearer(oldToken!))
            Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/windows")).StatusCode);
        Assert.NotNull(await app.TokenAsync("city-wang", RealPassword));
        Assert.NotNull(await app.TokenAsync("verifier", RealPassword));
        Assert.Contains(app.Audit, r => r.Action == AuditActions.AccountDisabled && r.Target == "shexian");

        // Demo mode on again: the accounts the system disabled sign in again.
        await app.StartAsync(AccountApp.Demo(true));
        Assert.NotNull(await app.TokenAsync("shexian", AccountApp.DemoPassword));
    }

    [Fact]
    public async Task DemoMode_RefusesToStart_InProductionUnlessAllowed()
    {
        await using var app = new AccountApp();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(AccountApp.Demo(true), "Production"));
        Assert.Contains("Demo:AllowInProduction=true", ex.ToString());
        Assert.Contains("演示模式", ex.ToString());

        var allowed = AccountApp.Demo(true);
        allowed["Demo:AllowInProduction"] = "true";
        await app.StartAsync(allowed, "Production");
        Assert.NotNull(await app.TokenAsync("city", AccountApp.DemoPassword));
    }

    [Fact]
    public async Task FirstAdministrator_IsCreatedFromConfiguration_AndSignsIn()
    {
        await using var app = new AccountApp();
        var settings = AccountApp.Demo(false);
        settings["Bootstrap:Admin:UserName"] = "chief";
        settings["Bootstrap:Admin:Password"] = RealPassword;
        await app.StartAsync(settings);

        using var chief = await app.BearerAsync("chief", RealPassword);
        var accounts = await chief.GetAsync("/api/accounts");
        Assert.True(accounts.StatusCode == HttpStatusCode.OK, await accounts.Content.ReadAsStringAsync());
        Assert.Contains("\"roleName\":\"系统管理员\"", await accounts.Content.ReadAsStringAsync());
        Assert.Contains(app.Audit, r => r.Action == AuditActions.AccountCreated && r.Target == "chief");

        // Once an administrator exists the settings change nothing: another password does not replace the first.
        settings["Bootstrap:Admin:Password"] = "Other#Pass2028";
        await app.StartAsync(settings);
        Assert.NotNull(await app.TokenAsync("chief", RealPassword));
        Assert.Null(await app.TokenAsync("chief", "Other#Pass2028"));
    }

    [Fact]
    public async Task FirstAdministrator_WithAWeakPassword_StopsStartUp_WithoutShowingIt()
    {
        await using var app = new AccountApp();
        var settings = AccountApp.Demo(false);
        settings["Bootstrap:Admin:UserName"] = "chief";
        settings["Bootstrap:Admin:Password"] = "weakpw";
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(settings));
        Assert.Contains("Bootstrap:Admin", ex.ToString());
        Assert.Contains("密码不符合要求：至少 8 位", ex.ToString());
        Assert.DoesNotContain("weakpw", ex.ToString());
    }
}
