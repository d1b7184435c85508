using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Accounts;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Accounts;

/// <summary>
/// 账号管理 through /api/accounts and <see cref="AccountService"/>: the effects hold at sign-in and on tokens and cookies
/// already issued, refusals change nothing, the last administrator stays, and every change is audited.
/// </summary>
public class AccountManagementTests : IAsyncLifetime
{
    private const string Initial = "Tunxi#Start1";
    private const string Temporary = "Temp#Reset22";
    private AccountApp _app = null!;
    private HttpClient _admin = null!;

    /// <summary>The app variant (SQLite here; PostgreSQL in <see cref="PostgreSqlAccountManagementTests"/>).</summary>
    protected virtual AccountApp NewApp() => new();

    public async Task InitializeAsync()
    {
        _app = NewApp();
        await _app.StartAsync(AccountApp.Demo(true));
        _admin = await _app.BearerAsync("admin", AccountApp.DemoPassword);
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<JsonNode> CreateDistrictAccountAsync(string userName)
    {
        var response = await _admin.PostAsJsonAsync("/api/accounts", new { userName, displayName = "屯溪区经信局 李四", role = Roles.District, jurisdiction = "341002", password = Initial });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task Admin_CreatesDisablesEnablesAndResets_AndEveryEffectHolds()
    {
        var created = await CreateDistrictAccountAsync("tunxi-li");
        Assert.Equal("正常", created["stateName"]!.GetValue<string>());
        Assert.Equal("区县主管部门", created["roleName"]!.GetValue<string>());
        Assert.Equal("屯溪区", created["jurisdictionName"]!.GetValue<string>());

        var token = await _app.TokenAsync("tunxi-li", Initial);
        Assert.NotNull(token);
        using var bearer = _app.Bearer(token!);
        using var cookie = await _app.CookieAsync("tunxi-li", Initial);
        Assert.NotNull(cookie);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/windows")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie!.GetAsync("/api/windows")).StatusCode);

        var disabled = await _admin.PostAsync("/api/accounts/tunxi-li/disable", null);
        Assert.Equal("已停用", (await disabled.Content.ReadFromJsonAsync<JsonNode>())!["stateName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/windows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/windows")).StatusCode);
        Assert.Null(await _app.TokenAsync("tunxi-li", Initial));
        Assert.Null(await _app.CookieAsync("tunxi-li", Initial));

        Assert.True((await _admin.PostAsync("/api/accounts/tunxi-li/enable", null)).IsSuccessStatusCode);
        var again = await _app.TokenAsync("tunxi-li", Initial);
        Assert.NotNull(again);

        var reset = await _admin.PostAsJsonAsync("/api/accounts/tunxi-li/password", new { password = Temporary });
        Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        using (var stale = _app.Bearer(again!))
            Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/windows")).StatusCode);
        Assert.Null(await _app.TokenAsync("tunxi-li", Initial));
        Assert.NotNull(await _app.TokenAsync("tunxi-li", Temporary));

        string[] expected = [AuditActions.AccountCreated, AuditActions.AccountDisabled, AuditActions.AccountEnabled, AuditActions.PasswordReset];
        Assert.Equal(expected, _app.Audit.Where(r => r.Target == "tunxi-li" && expected.Contains(r.Action)).Select(r => r.Action));
        // The account's own sign-ins are recorded under its name too; every change to it was made by the administrator.
        Assert.All(_app.Audit.Where(r => r.Target == "tunxi-li" && expected.Contains(r.Action)), r => Assert.Equal("admin", r.ActorName));
    }

    [Fact]
    public async Task Create_IsRefusedWithChineseFieldMessages_AndCreatesNothing()
    {
        var cases = new (object Body, string Field, string Message)[]
        {
            (new { userName = "no-unit", displayName = "某区县", role = Roles.District, password = Initial }, "jurisdiction", "区县主管部门须选择所属区县（功能区）。"),
            (new { userName = "city-unit", displayName = "市级", role = Roles.CityReviewer, jurisdiction = "341002", password = Initial }, "jurisdiction", "不设所属区县"),
            (new { userName = "weak", displayName = "弱密码", role = Roles.Verifier, password = "abc" }, "password", "密码不符合要求：至少 8 位；"),
            (new { userName = "shexian", displayName = "重名", role = Roles.Verifier, password = Initial }, "userName", "已被使用"),
            (new { userName = "bad role", displayName = "角色", role = "Root", password = Initial }, "role", "请选择角色。"),
        };
        foreach (var (body, field, message) in cases)
        {
            var response = await _admin.PostAsJsonAsync("/api/accounts", body);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToJsonString());
            Assert.Contains(message, problem["errors"]![field]![0]!.GetValue<string>());
        }
        foreach (var name in new[] { "no-unit", "city-unit", "weak" })
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/accounts/{name}")).StatusCode);
        Assert.DoesNotContain(_app.Audit, r => r.Action == AuditActions.AccountCreated);
    }

    [Fact]
    public async Task NonAdministrators_AreRefused()
    {
        using var city = await _app.BearerAsync("city", AccountApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync("/api/accounts/shexian/disable", null)).StatusCode);
        Assert.NotNull(await _app.TokenAsync("shexian", AccountApp.DemoPassword));
    }

    [Fact]
    public async Task RoleChange_EndsSessions_AndTheNewSignInCarriesTheNewScope()
    {
        await CreateDistrictAccountAsync("move-me");
        using var before = await _app.BearerAsync("move-me", Initial);
        var changed = await _admin.PutAsJsonAsync("/api/accounts/move-me", new { displayName = "市经信局 李四", role = Roles.CityReviewer, jurisdiction = (string?)null });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/windows")).StatusCode);
        using var after = await _app.BearerAsync("move-me", Initial);
        using var scope = _app.Factory.Services.CreateScope();
        var view = (await scope.ServiceProvider.GetRequiredService<AccountService>().GetAsync(AdminActor("x"), "move-me")).Value!;
        Assert.Equal((Roles.CityReviewer, (string?)null, "全市"), (view.Role, view.Jurisdiction, view.JurisdictionName));
        Assert.Contains(_app.Audit, r => r.Action == AuditActions.AccountChanged && r.Target == "move-me" && r.Detail!.Contains("角色 区县主管部门 → 市级评审"));
    }

    [Fact]
    public async Task LastActiveAdministrator_CannotBeDisabledOrDemoted()
    {
        using var scope = _app.Factory.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        // An administrator acting from elsewhere (the use case does not care how): "admin" is the only active one.
        var refused = await accounts.DisableAsync(AdminActor("someone-else"), "admin");
        Assert.Contains("最后一个", refused.Error?.Message);
        var demoted = await accounts.ChangeAsync(AdminActor("someone-else"), "admin", new AccountChange("系统管理员", Roles.Designer, null));
        Assert.Contains("最后一个", demoted.Error?.Message);

        var self = await _admin.PostAsync("/api/accounts/admin/disable", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.NotNull(await _app.TokenAsync("admin", AccountApp.DemoPassword));

        // With a second administrator the first may go; then the second is the last.
        var second = await _admin.PostAsJsonAsync("/api/accounts", new { userName = "admin2", displayName = "第二管理员", role = Roles.Admin, password = Initial });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        using var admin2 = await _app.BearerAsync("admin2", Initial);
        Assert.True((await admin2.PostAsync("/api/accounts/admin/disable", null)).IsSuccessStatusCode);
        var demoteSelf = await admin2.PutAsJsonAsync("/api/accounts/admin2", new { displayName = "第二管理员", role = Roles.Designer });
        Assert.Equal(HttpStatusCode.Conflict, demoteSelf.StatusCode);
        Assert.Contains("最后一个", await demoteSelf.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin2.GetAsync("/api/accounts")).StatusCode);
    }

    [Fact]
    public async Task OwnPasswordChange_NeedsTheCurrentPassword_AndEndsOtherSessions()
    {
        await CreateDistrictAccountAsync("own-pw");
        using var official = await _app.BearerAsync("own-pw", Initial);
        var wrong = await official.PostAsJsonAsync("/api/account/password", new { currentPassword = "Wrong#Pass99", newPassword = "Mine#2027abc", confirmPassword = "Mine#2027abc" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("当前密码不正确。", await wrong.Content.ReadAsStringAsync());
        var mismatch = await official.PostAsJsonAsync("/api/account/password", new { currentPassword = Initial, newPassword = "Mine#2027abc", confirmPassword = "Mine#2027abd" });
        Assert.Contains("两次输入的新密码不一致。", await mismatch.Content.ReadAsStringAsync());
        Assert.NotNull(await _app.TokenAsync("own-pw", Initial));

        var changed = await official.PostAsJsonAsync("/api/account/password", new { currentPassword = Initial, newPassword = "Mine#2027abc", confirmPassword = "Mine#2027abc" });
        Assert.True(changed.StatusCode == HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await official.GetAsync("/api/windows")).StatusCode);
        Assert.Null(await _app.TokenAsync("own-pw", Initial));
        Assert.NotNull(await _app.TokenAsync("own-pw", "Mine#2027abc"));
        Assert.Contains(_app.Audit, r => r.Action == AuditActions.PasswordChanged && r.Target == "own-pw" && r.Succeeded);
        Assert.Contains(_app.Audit, r => r.Action == AuditActions.PasswordChanged && r.Target == "own-pw" && !r.Succeeded);
    }

    private static Official AdminActor(string id) => new(id, id, id, [Roles.Admin], null);
}
