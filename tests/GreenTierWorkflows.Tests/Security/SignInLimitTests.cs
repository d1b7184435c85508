using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Domain.Audit;
using static GreenTierWorkflows.Tests.TestSupport.SignInLimitFixture;

namespace GreenTierWorkflows.Tests.Security;

/// <summary>
/// The sign-in routes over HTTP with small limits from configuration (<see cref="SignInLimitFixture"/>): 429 with
/// Retry-After per address and per account, a lockout per (account, address) that leaves the owner's address alone
/// and is not extended by further attempts, the same work and answer for unknown accounts, and the audit of each.
/// Each test uses its own source addresses and accounts, so they do not share limits.
/// </summary>
public sealed partial class SignInLimitTests(SignInLimitFixture fx) : IClassFixture<SignInLimitFixture>
{
    private static async Task<HttpResponseMessage> ApiLoginAsync(HttpClient client, string user, string password) =>
        await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password });

    /// <summary>The sign-in form: GET the page for its token, POST the form (the browser's way).</summary>
    private static Task<(HttpResponseMessage Response, string Body)> FormLoginAsync(HttpClient client, string user, string password) =>
        LoginForm.PostAsync(client, user, password);

    private static async Task<bool> AuthenticatedAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["isAuthenticated"]!.GetValue<bool>();

    private static string ErrorOf(string page)
    {
        var match = ErrorParagraph().Match(page);
        Assert.True(match.Success, page);
        return match.Groups[1].Value;
    }

    private static async Task AssertThrottledAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {body}");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Contains("登录尝试过于频繁", body);
    }

    [Fact]
    public async Task AddressLimit_Answers429WithRetryAfter_OnBothRoutes_AndOtherAddressesStillSignIn()
    {
        using var attacker = fx.ClientFrom("127.0.0.21");
        for (var i = 0; i < PermitsPerAddress; i++)
            Assert.False(await AuthenticatedAsync(await ApiLoginAsync(attacker, $"spray-{i}", "wrong-password")));

        await AssertThrottledAsync(await ApiLoginAsync(attacker, "designer", Password));
        var (form, page) = await FormLoginAsync(attacker, "designer", Password);
        await AssertThrottledAsync(form);
        Assert.Contains("<form method=\"post\" action=\"/account/login\">", page); // the sign-in page again, with the message
        Assert.Contains(fx.Audit.Records, r => r.Action == AuditActions.SignInThrottled && r.ClientAddress == "127.0.0.21");

        using var colleague = fx.ClientFrom("127.0.0.22");
        Assert.True(await AuthenticatedAsync(await ApiLoginAsync(colleague, "designer", Password)));
    }

    [Fact]
    public async Task AccountLimit_Answers429_WhenOneAccountIsTriedFromManyAddresses()
    {
        // Two wrong passwords per address (under the lockout), from enough addresses to use up the account's permits.
        for (var i = 0; i < PermitsPerAccount; i++)
        {
            using var client = fx.ClientFrom($"127.0.1.{i / 2 + 1}");
            Assert.False(await AuthenticatedAsync(await ApiLoginAsync(client, "qimen", "wrong-password")));
        }
        using var fresh = fx.ClientFrom("127.0.1.200");
        await AssertThrottledAsync(await ApiLoginAsync(fresh, "QiMen ", Password));
        Assert.True(await AuthenticatedAsync(await ApiLoginAsync(fresh, "yixian", Password)));
        Assert.Contains(fx.Audit.Records, r => r.Action == AuditActions.SignInThrottled && r.Target == "QiMen");
    }

    [Fact]
    public async Task Lockout_StopsTheAttackersAddressOnly_AndEndsOnTimeHoweverLongTheAttackerTries()
    {
        using var attacker = fx.ClientFrom("127.0.0.41");
        using var owner = fx.ClientFrom("127.0.0.42");
        for (var i = 1; i < MaxFailedAttempts; i++)
            Assert.Equal("用户名或密码错误。", ErrorOf((await FormLoginAsync(attacker, "city", "wrong-password")).Body));
        var locking = await FormLoginAsync(attacker, "city", "wrong-password");
        Assert.Equal(HttpStatusCode.Unauthorized, locking.Response.StatusCode);
        Assert.Contains("登录失败次数过多", ErrorOf(locking.Body));
        Assert.Single(fx.Audit.Of(AuditActions.LockedOut, "city"));

        // Locked: even the right password from the attacker's address is refused, without checking it.
        var verifications = fx.Hasher.Verifications;
        Assert.False(await AuthenticatedAsync(await ApiLoginAsync(attacker, "city", Password)));
        Assert.Equal(verifications, fx.Hasher.Verifications);

        // The owner signs in from their own address, through the form and the API.
        var signedIn = await FormLoginAsync(owner, "city", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/tasks")).StatusCode);
        Assert.True(await AuthenticatedAsync(await ApiLoginAsync(owner, "city", Password)));

        // The attacker keeps trying through the lockout; it still ends LockoutDuration after it began.
        fx.Clock.Advance(LockoutDuration - TimeSpan.FromMinutes(1));
        Assert.False(await AuthenticatedAsync(await ApiLoginAsync(attacker, "city", "wrong-again")));
        Assert.False(await AuthenticatedAsync(await ApiLoginAsync(attacker, "city", Password)));
        fx.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await AuthenticatedAsync(await ApiLoginAsync(attacker, "city", Password)));
        Assert.Single(fx.Audit.Of(AuditActions.LockedOut, "city"));
        Assert.Contains(fx.Audit.Of(AuditActions.SignIn, "city"), r => r.ClientAddress == "127.0.0.42" && r.Succeeded);
    }

    [Fact]
    public async Task UnknownAccount_GetsTheSameAnswerAndTheSameWork_AsAWrongPassword()
    {
        using var client = fx.ClientFrom("127.0.0.61");
        var before = fx.Hasher.Verifications;
        var known = await FormLoginAsync(client, "huizhou", "wrong-password");
        Assert.Equal(before + 1, fx.Hasher.Verifications);
        var unknown = await FormLoginAsync(client, "no-such-official", "wrong-password");
        Assert.Equal(before + 2, fx.Hasher.Verifications);
        Assert.Equal(known.Response.StatusCode, unknown.Response.StatusCode);
        Assert.Equal(ErrorOf(known.Body), ErrorOf(unknown.Body));

        var knownApi = await (await ApiLoginAsync(client, "huizhou", "wrong-password")).Content.ReadAsStringAsync();
        var unknownApi = await (await ApiLoginAsync(client, "no-such-official", "wrong-password")).Content.ReadAsStringAsync();
        Assert.Equal(before + 4, fx.Hasher.Verifications);
        Assert.Equal(knownApi, unknownApi);

        // Both now have MaxFailedAttempts failures from this address: the same lockout answer for both.
        using var other = fx.ClientFrom("127.0.0.62");
        for (var i = 0; i < MaxFailedAttempts - 1; i++)
        {
            await FormLoginAsync(other, "huizhou", "wrong-password");
            await FormLoginAsync(other, "no-such-official", "wrong-password");
        }
        var knownLocked = await FormLoginAsync(other, "huizhou", "wrong-password");
        var unknownLocked = await FormLoginAsync(other, "no-such-official", "wrong-password");
        Assert.Contains("登录失败次数过多", ErrorOf(knownLocked.Body));
        Assert.Equal(ErrorOf(knownLocked.Body), ErrorOf(unknownLocked.Body));
        Assert.Contains(fx.Audit.Records, r => r.Action == AuditActions.SignInFailed && r.Target == "no-such-official" && r.ClientAddress == "127.0.0.61");
    }

    [GeneratedRegex("<p class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ErrorParagraph();
}
