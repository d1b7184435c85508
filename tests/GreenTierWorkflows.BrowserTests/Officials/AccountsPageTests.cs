using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 账号管理 (/admin/accounts) and 修改密码 (/account/password): an administrator opens a district account (a refused
/// weak password first), its official signs in with the initial password and changes it from the user menu, signs in
/// again with the new one, and an administrator's 停用 keeps the account out. Desktop and phone widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string UserName = "huizhou-zhao";
    private const string Initial = "Huizhou#2026a";
    private const string Chosen = "Zhao#Mine2027";

    [Fact]
    public async Task Admin_CreatesADistrictAccount_TheOfficialChangesThePassword_AndADisabledAccountCannotSignIn()
    {
        await using var admin = await BrowserSession.StartAsync(browser, app, "accounts-admin");
        await admin.Page.SetViewportSizeAsync(1366, 768);
        await admin.Page.GotoAsync("/");
        await admin.SignInAsync("admin");
        await admin.Page.Locator("nav.mud-navmenu").GetByText("账号管理").ClickAsync();
        await Expect(admin.Page.Locator("h1")).ToHaveTextAsync("账号管理");
        var table = admin.Page.GetByTestId("accounts-table");
        await Expect(table.GetByTestId("account-user").Filter(new() { HasTextString = "shexian" })).ToHaveCountAsync(1);
        await admin.StepAsync("list");

        await admin.Page.GetByTestId("create-account").ClickAsync();
        var dialog = admin.Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#userName").FillAsync(UserName);
        await dialog.Locator("#displayName").FillAsync("徽州区经信局 赵六");
        await MudUi.SelectAsync(admin.Page, "account-role", "区县主管部门");
        await MudUi.SelectAsync(admin.Page, "account-jurisdiction", "徽州区");
        await dialog.Locator("#password").FillAsync("huizhou");
        await dialog.GetByTestId("account-save").ClickAsync();
        await Expect(dialog.Locator("#password-error")).ToContainTextAsync("密码不符合要求：至少 8 位；须包含符号");
        await admin.StepAsync("create-refused");

        await dialog.Locator("#password").FillAsync(Initial);
        await admin.StepAsync("create-filled");
        await dialog.GetByTestId("account-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = table.Locator("tbody tr").Filter(new() { Has = admin.Page.GetByTestId("account-user").Filter(new() { HasTextString = UserName }) });
        await Expect(row.Locator("td[data-label='角色']")).ToHaveTextAsync("区县主管部门");
        await Expect(row.Locator("td[data-label='所属区县']")).ToHaveTextAsync("徽州区");
        await Expect(row.GetByTestId("account-state")).ToHaveTextAsync("正常");
        await admin.StepAsync("created");
        var wide = await admin.HorizontalOverflowAsync();
        Assert.True(wide <= 0, $"/admin/accounts at 1366 px overflows by {wide} px.");

        // The official signs in with the initial password and changes it from the user menu.
        await using (var official = await BrowserSession.StartAsync(browser, app, "accounts-own-password"))
        {
            await official.Page.SetViewportSizeAsync(390, 844);
            await official.Page.GotoAsync("/");
            await official.SignInAsync(UserName, Initial);
            await official.Page.GetByTestId("user-menu").ClickAsync();
            await Expect(official.Page.GetByTestId("menu-change-password")).ToBeVisibleAsync();
            await official.StepAsync("user-menu-390");
            await official.Page.GetByTestId("menu-change-password").ClickAsync();
            await Expect(official.Page.Locator("h1")).ToHaveTextAsync("修改密码");
            await official.Page.Locator("#currentPassword").FillAsync(Initial);
            await official.Page.Locator("#newPassword").FillAsync(Chosen);
            await official.Page.Locator("#confirmPassword").FillAsync(Chosen + "x");
            await official.Page.GetByTestId("password-save").ClickAsync();
            await Expect(official.Page.Locator("#confirmPassword-error")).ToHaveTextAsync("两次输入的新密码不一致。");
            await official.StepAsync("mismatch-390");
            var overflow = await official.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"/account/password at 390 px overflows by {overflow} px.");

            await official.Page.Locator("#currentPassword").FillAsync(Initial);
            await official.Page.Locator("#newPassword").FillAsync(Chosen);
            await official.Page.Locator("#confirmPassword").FillAsync(Chosen);
            await official.Page.GetByTestId("password-save").ClickAsync();
            await Expect(official.Page.GetByTestId("password-changed")).ToBeVisibleAsync();
            await official.StepAsync("changed-390");
            official.AssertNoExternalRequestsOrConsoleErrors(); // the refused sign-in below logs its 401 on purpose

            await official.Page.GetByTestId("sign-in-again").ClickAsync();
            await official.Page.WaitForURLAsync(u => u.Contains("/account/login", StringComparison.Ordinal));
            await official.Page.Locator("#username").FillAsync(UserName);
            await official.Page.Locator("#password").FillAsync(Initial);
            await official.Page.Locator("button[type=submit]").ClickAsync();
            await Expect(official.Page.Locator("[role=alert]")).ToContainTextAsync("用户名或密码错误");
            await official.SignInAsync(UserName, Chosen);
            await Expect(official.Page.GetByTestId("current-user")).ToHaveCountAsync(1);
            await official.Page.SetViewportSizeAsync(1366, 768);
            await official.Page.ReloadAsync(); // lay the page out for the desktop width, as an official opening it there sees it
            await Expect(official.Page.GetByTestId("current-user")).ToHaveTextAsync("徽州区经信局 赵六");
            await official.StepAsync("signed-in-with-new-password");
            Assert.True(official.ExternalRequests.IsEmpty, official.Report());
        }

        // 停用: confirmed in a dialog; the state shows it and the account cannot sign in any more.
        await admin.Page.ReloadAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"停用账号 {UserName}" }).ClickAsync();
        var confirm = admin.Page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("将无法登录");
        await admin.StepAsync("disable-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(row.GetByTestId("account-state")).ToHaveTextAsync("已停用");
        await admin.StepAsync("disabled");
        await admin.Page.SetViewportSizeAsync(390, 844);
        await admin.StepAsync("list-390");
        var adminOverflow = await admin.HorizontalOverflowAsync();
        Assert.True(adminOverflow <= 0, $"/admin/accounts at 390 px overflows by {adminOverflow} px.");
        admin.AssertNoExternalRequestsOrConsoleErrors();

        await using var refused = await BrowserSession.StartAsync(browser, app, "accounts-disabled-login");
        await refused.Page.GotoAsync("/account/login");
        await refused.Page.Locator("#username").FillAsync(UserName);
        await refused.Page.Locator("#password").FillAsync(Chosen);
        await refused.Page.Locator("button[type=submit]").ClickAsync();
        await Expect(refused.Page.Locator("[role=alert]")).ToContainTextAsync("用户名或密码错误");
    }
}
