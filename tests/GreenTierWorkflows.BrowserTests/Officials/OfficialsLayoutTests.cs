using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>The officials' layout: the menu by role, desktop and phone widths, keyboard use, and admin/designer entries.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficialsLayoutTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("shexian", new[] { "我的待办", "申报管理", "培育库", "申报窗口", "统计看板" }, new[] { "流程设计", "任务调度", "安全审计", "账号管理", "市级推荐排序" })]
    [InlineData("city", new[] { "我的待办", "申报管理", "培育库", "申报窗口", "统计看板", "市级推荐排序" }, new[] { "流程设计", "任务调度", "安全审计", "账号管理" })]
    [InlineData("designer", new[] { "申报窗口", "统计看板", "流程设计" }, new[] { "我的待办", "申报管理", "培育库", "任务调度", "安全审计", "账号管理", "市级推荐排序" })]
    [InlineData("admin", new[] { "我的待办", "申报管理", "申报窗口", "统计看板", "流程设计", "任务调度", "安全审计", "账号管理" }, new string[0])]
    public async Task Menu_ShowsOnlyWhatTheRoleMayDo(string user, string[] shown, string[] hidden)
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "menu-" + user);
        await s.Page.GotoAsync("/");
        await s.SignInAsync(user);
        var menu = s.Page.Locator("nav.mud-navmenu");
        await Expect(menu).ToBeVisibleAsync();
        foreach (var entry in shown) await Expect(menu.GetByText(entry)).ToHaveCountAsync(1);
        foreach (var entry in hidden) await Expect(menu.GetByText(entry)).ToHaveCountAsync(0);
        await s.StepAsync("menu");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task AdminMenu_OpensTheHangfireDashboard_AndDesignerMenuOpensStudio()
    {
        await using var admin = await BrowserSession.StartAsync(browser, app, "menu-hangfire");
        await admin.Page.GotoAsync("/");
        await admin.SignInAsync("admin");
        await admin.Page.Locator("nav.mud-navmenu").GetByText("任务调度").ClickAsync();
        await admin.Page.WaitForURLAsync(u => u.Contains("/hangfire", StringComparison.Ordinal));
        await Expect(admin.Page.Locator("body")).ToContainTextAsync("Hangfire");
        await admin.StepAsync("hangfire");
        admin.AssertNoExternalRequestsOrConsoleErrors(); // the dashboard's own scripts run under its Content Security Policy

        await using var designer = await BrowserSession.StartAsync(browser, app, "menu-studio");
        await designer.Page.GotoAsync("/");
        await designer.SignInAsync("designer");
        await designer.Page.Locator("nav.mud-navmenu").GetByText("流程设计").ClickAsync();
        await designer.Page.WaitForURLAsync(u => u.EndsWith("/studio/", StringComparison.Ordinal));
        await Expect(designer.Page.Locator("elsa-workflow-definition-list")).ToHaveCountAsync(1);
        designer.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task Pages_FitTheScreen_OnDesktopAndPhone(int width, int height)
    {
        await using var s = await BrowserSession.StartAsync(browser, app, $"fit-{width}");
        await s.Page.SetViewportSizeAsync(width, height);
        await s.Page.GotoAsync("/");
        await s.SignInAsync("shexian");
        foreach (var (path, heading) in new[] { ("/", "您好"), ("/tasks", "我的待办"), ("/nominations", "申报管理"), ("/nominations/new", "新建申报") })
        {
            await s.Page.GotoAsync(path);
            await Expect(s.Page.Locator("h1")).ToContainTextAsync(heading);
            var overflow = await s.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"{path} at {width}×{height} overflows horizontally by {overflow} px.");
            // The heading is not hidden under an open menu drawer on a phone.
            var box = await s.Page.Locator("h1").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(await s.Page.EvaluateAsync<bool>("p => document.elementFromPoint(p.x, p.y)?.closest('h1') != null",
                new { x = (double)box.X + 5, y = (double)box.Y + box.Height / 2 }), $"{path} at {width}×{height}: the heading is covered.");
            // The app bar keeps one row: neither its title nor 退出 wraps onto a second line (on a phone 退出 is its icon).
            var title = await s.Page.Locator(".app-title").BoundingBoxAsync();
            var logout = await s.Page.Locator("[data-testid=logout]").BoundingBoxAsync();
            Assert.True(title is { Height: < 40 } && logout is { Height: < 40 },
                $"{path} at {width}×{height}: the app bar wraps (title {title?.Height} px, 退出 {logout?.Height} px high).");
            await s.StepAsync($"{path.Trim('/').Replace('/', '-')}");
        }
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task NewNominationForm_WorksFromTheKeyboard_AndSavesNothingWhenIncomplete()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "keyboard");
        await s.Page.GotoAsync("/nominations/new");
        await s.SignInAsync("huizhou");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("新建申报");

        // From the evaluator field, Tab reaches the save button; Enter presses it.
        await s.Page.Locator("#evaluator").FocusAsync();
        await s.Page.Keyboard.TypeAsync("黄山市节能监察中心");
        var reached = false;
        for (var i = 0; i < 30 && !reached; i++)
        {
            await s.Page.Keyboard.PressAsync("Tab");
            reached = await s.Page.EvaluateAsync<bool>("() => document.activeElement?.dataset?.testid === 'save-draft'");
        }
        Assert.True(reached, "Tab never reached the save button.");

        // No member chosen and the negative list unconfirmed: both errors shown at their fields, nothing saved.
        // Leaving the evaluator field re-renders the form over the circuit; an Enter that lands during that render reaches
        // the server with the button's replaced handler and is dropped (as a user's would be), so it waits for the form to
        // settle and presses again, still from the keyboard, while no error has shown.
        var memberField = s.Page.Locator(".mud-input-control").Filter(new() { HasText = "申报对象" });
        await Retry.ActUntilAsync(
            async () =>
            {
                await s.DomSettledAsync();
                if (!await s.Page.EvaluateAsync<bool>("() => document.activeElement?.dataset?.testid === 'save-draft'"))
                    await s.Page.Locator("[data-testid=save-draft]").FocusAsync();
                await s.Page.Keyboard.PressAsync("Enter");
            },
            () => Expect(memberField).ToContainTextAsync("请选择申报的企业", new() { Timeout = 10_000 }),
            onRetry: attempt => s.StepAsync($"keyboard-enter-lost-{attempt}"));
        await Expect(s.Page.Locator("[data-testid=negativeList-error]")).ToHaveTextAsync("负面清单第 1、2、3、4、5、6 项未确认「不存在」：近三年存在其中任一情形的不得申报。");
        await s.AtWidthsAsync("keyboard-errors");
        await s.Page.GotoAsync("/nominations");
        await Expect(s.Page.Locator("[data-testid=nomination-table]")).ToContainTextAsync("该年度暂无申报");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
