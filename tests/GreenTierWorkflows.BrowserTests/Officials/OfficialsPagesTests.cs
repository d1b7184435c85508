using GreenTierWorkflows.Domain.Registry;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>培育库, 申报窗口 and 统计看板 in a real browser against the demo app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficialsPagesTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pools_RefusesABadCreditCodeNextToTheField_SavingNothing_ThenRegistersAndEnrolsWithAValidOne()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "pools-register");
        await s.SignInAsync("shexian");
        await s.Page.GotoAsync("/pools");
        await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = "培育库" })).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("pool-table")).ToBeVisibleAsync();
        var enterprisesBefore = await TotalAsync(s, "/api/enterprises?pageSize=1");
        var poolBefore = await CountAsync(s, $"/api/pools?year={Year}");

        await s.Page.GetByTestId("register-enterprise").ClickAsync();
        // An empty form reaches the API (the browser's own required-field bubble would be English): its messages stand beside the fields.
        await s.Page.GetByTestId("register-save").ClickAsync();
        await Expect(s.Page.Locator("#name-error")).ToHaveTextAsync("请填写企业名称。");
        await Expect(s.Page.Locator("#creditCode-error")).ToHaveTextAsync("请填写统一社会信用代码。");
        await s.Page.Locator("#name").FillAsync("歙县浏览器测试绿色工厂");
        await s.Page.Locator("#creditCode").FillAsync("91341021MA2TEST00X");
        await s.Page.Locator("#industryCode").FillAsync("C1530");
        await s.Page.Locator(".mud-input-control.mud-select:has(label:text-is('单位性质'))").ClickAsync();
        await s.Page.Locator(".mud-popover-open").GetByText("民营", new() { Exact = true }).ClickAsync();
        await s.StepAsync("form-bad-code");
        await s.Page.GetByTestId("register-save").ClickAsync();

        await Expect(s.Page.Locator("#creditCode-error")).ToContainTextAsync("统一社会信用代码");
        await Expect(s.Page.Locator("#creditCode")).ToHaveAttributeAsync("aria-describedby", "creditCode-error");
        await s.StepAsync("credit-code-error");
        Assert.Equal(enterprisesBefore, await TotalAsync(s, "/api/enterprises?pageSize=1"));
        Assert.Equal(poolBefore, await CountAsync(s, $"/api/pools?year={Year}"));

        const string first17 = "91341021MA2UWXK8Q";
        await s.Page.Locator("#creditCode").FillAsync(first17 + CreditCode.CheckCharacter(first17));
        await s.Page.GetByTestId("register-save").ClickAsync();

        await Expect(s.Page.GetByTestId("register-form")).ToHaveCountAsync(0);
        await Expect(s.Page.GetByTestId("pool-table").GetByText("歙县浏览器测试绿色工厂")).ToBeVisibleAsync();
        await s.StepAsync("registered");
        Assert.Equal(enterprisesBefore + 1, await TotalAsync(s, "/api/enterprises?pageSize=1"));
        Assert.Equal(poolBefore + 1, await CountAsync(s, $"/api/pools?year={Year}"));
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task Dashboard_DistrictCounts_EqualTheNominationsApi()
    {
        await CreateDraftsAsync(browser, app, "dashboard", ("shexian", 2), ("tunxi", 1));

        await using var s = await BrowserSession.StartAsync(browser, app, "dashboard-city");
        await s.SignInAsync("city");
        await s.Page.GotoAsync("/dashboard");
        await Expect(s.Page.GetByTestId("table-districts")).ToBeVisibleAsync();
        await s.StepAsync("dashboard");
        var total = 0;
        foreach (var district in new[] { "341002", "341003", "341004", "341021", "341022", "341023", "341024", "341071" })
        {
            var expected = await TotalAsync(s, $"/api/nominations?year={Year}&district={district}&pageSize=1");
            total += expected;
            await Expect(s.Page.GetByTestId($"districts-{district}-total")).ToHaveTextAsync(expected.ToString());
        }
        Assert.True(total >= 3, $"the drafts made above are counted ({total}).");
        await Expect(s.Page.GetByTestId("districts-total-total")).ToHaveTextAsync(total.ToString());
        await Expect(s.Page.GetByTestId("districts-341021-GreenFactory")).ToHaveTextAsync((await TotalAsync(s, $"/api/nominations?year={Year}&district=341021&type=GreenFactory&pageSize=1")).ToString());
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task Pages_FitTheScreen_WithoutExternalRequestsOrConsoleErrors(int width, int height)
    {
        await using var s = await BrowserSession.StartAsync(browser, app, $"layout-{width}");
        await s.Page.SetViewportSizeAsync(width, height);
        await s.SignInAsync("admin");
        foreach (var (path, heading, content) in new[] { ("/pools", "培育库", "pool-table"), ("/windows", "申报窗口", "windows-table"), ("/dashboard", "统计看板", "table-durations") })
        {
            await s.Page.GotoAsync(path);
            await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await Expect(s.Page.GetByTestId(content)).ToBeVisibleAsync();
            await s.StepAsync($"{path.Trim('/')}-{width}x{height}");
            var overflow = await s.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"{path} at {width}px: the page is {overflow}px wider than the viewport.");
        }
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
