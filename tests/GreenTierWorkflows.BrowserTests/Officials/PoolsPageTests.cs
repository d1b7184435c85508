using System.Text.Json;
using GreenTierWorkflows.Domain.Registry;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 培育库 (/pools): a district official's guidance notes, exits (a reason is required) and enrolments of registered
/// enterprises, found by search in a district with more than the picker's 100 records; the city reviewer reads every
/// district, filters by district and has no edit actions. Each test works in its own district of the shared app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PoolsPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task DistrictOfficial_SavesGuidanceNotes_AndExitsAMemberOnlyWithAReason()
    {
        const string guided = "休宁县松萝茶业有限公司", exiting = "休宁县海阳塑胶制品有限公司";
        const string notes = "2026 年底前完成能源管理体系认证，并建立光伏发电计量台账。";
        const string reason = "企业已整体搬迁至外省，不再列入本县培育。";
        await using var s = await BrowserSession.StartAsync(browser, app, "pools-guidance-exit");
        await s.SignInAsync("xiuning");
        await s.Page.GotoAsync("/pools");

        // Guidance notes: saved, shown, still there after a reload, and the API has them.
        await Row(s.Page, guided).GetByRole(AriaRole.Button, new() { Name = "指导意见" }).ClickAsync();
        var dialog = s.Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#guidanceNotes").FillAsync(notes);
        await dialog.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Cell(s.Page, guided, "培育指导意见")).ToHaveTextAsync(notes);
        await s.Page.ReloadAsync();
        await Expect(Cell(s.Page, guided, "培育指导意见")).ToHaveTextAsync(notes);
        await s.StepAsync("guidance-saved");
        Assert.Equal(notes, (await MemberAsync(s, guided)).GetProperty("guidanceNotes").GetString());

        // Exit without a reason: refused beside the field, the member stays 在库.
        await Row(s.Page, exiting).GetByRole(AriaRole.Button, new() { Name = "出库" }).ClickAsync();
        await Expect(dialog.Locator("#reason")).ToBeEmptyAsync();
        await dialog.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog.Locator("#reason-error")).ToHaveTextAsync("请填写出库原因。");
        await s.StepAsync("exit-needs-reason");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Cell(s.Page, exiting, "状态")).ToHaveTextAsync("在库");
        Assert.True((await MemberAsync(s, exiting)).GetProperty("isActive").GetBoolean());

        // Exit with a reason: 已出库 with the date and reason, and no more actions on the row.
        await Row(s.Page, exiting).GetByRole(AriaRole.Button, new() { Name = "出库" }).ClickAsync();
        await dialog.Locator("#reason").FillAsync(reason);
        await dialog.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Cell(s.Page, exiting, "状态")).ToContainTextAsync("已出库");
        await Expect(Cell(s.Page, exiting, "状态")).ToContainTextAsync("出库：" + reason);
        await Expect(Row(s.Page, exiting).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await s.StepAsync("exited");
        var exited = await MemberAsync(s, exiting);
        Assert.False(exited.GetProperty("isActive").GetBoolean());
        Assert.Equal(reason, exited.GetProperty("exitReason").GetString());
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task DistrictOfficial_FindsAnEnterpriseBeyondTheFirstHundredBySearch_AndEnrolsIt()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "pools-enrol-search");
        await s.SignInAsync("yixian");
        // 黟县 gets 101 more registered enterprises outside the pool: more than the picker lists at once.
        JsonElement last = default;
        for (var i = 1; i <= 101; i++)
            last = await CreateAsync(s, "/api/enterprises", new
            {
                name = $"黟县批量登记企业{i:000}有限公司", creditCode = DemoCode("341023", 30_000 + i), districtCode = "341023",
                industryCode = "C2041", ownership = "民营",
            });
        var target = last.GetProperty("name").GetString()!;
        var code = last.GetProperty("creditCode").GetString()!;
        var poolBefore = await CountAsync(s, $"/api/pools?year={Year}");

        await s.Page.GotoAsync("/pools");
        await s.Page.GetByTestId("enrol-existing").ClickAsync();
        var dialog = s.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("仅列出前 100 条");
        await s.StepAsync("too-many-to-list");

        // Part of the credit code (not its beginning) finds exactly the one enterprise.
        await dialog.GetByTestId("enrol-search").FillAsync(code[8..16]);
        await Expect(dialog).Not.ToContainTextAsync("仅列出前 100 条");
        await dialog.GetByTestId("enrol-member").ClickAsync();
        var options = s.Page.Locator(".mud-popover-open .mud-list-item");
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options).ToHaveTextAsync($"{target}（{code}）");
        await options.ClickAsync();
        await Expect(options).ToHaveCountAsync(0);
        await dialog.Locator("#guidanceNotes").FillAsync("按绿色工厂评价要求补齐能源计量台账。");
        await s.StepAsync("found-by-search");
        await dialog.GetByTestId("enrol-save").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Cell(s.Page, target, "状态")).ToHaveTextAsync("在库");
        await Expect(Cell(s.Page, target, "培育指导意见")).ToHaveTextAsync("按绿色工厂评价要求补齐能源计量台账。");
        await s.StepAsync("enrolled");
        Assert.Equal(poolBefore + 1, await CountAsync(s, $"/api/pools?year={Year}"));
        Assert.True((await MemberAsync(s, target)).GetProperty("isActive").GetBoolean());

        // By name: a demo member of this year's pool is enrolled for next year too (that pool is still empty).
        const string demo = "黟县宏村竹木工艺有限公司";
        await MudUi.SelectAsync(s.Page, "year-select", $"{Year + 1} 年");
        await Expect(s.Page.GetByTestId("pool-table")).ToContainTextAsync("该年度培育库暂无记录。");
        await s.Page.GetByTestId("enrol-existing").ClickAsync();
        await dialog.GetByTestId("enrol-search").FillAsync("宏村");
        await Expect(dialog).ToContainTextAsync($"入库（{Year + 1} 年）");
        await MudUi.SelectAsync(s.Page, "enrol-member", demo);
        await dialog.GetByTestId("enrol-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(s.Page.GetByTestId("member-name")).ToHaveTextAsync([demo]);
        await s.StepAsync("enrolled-next-year");
        Assert.Equal(1, await CountAsync(s, $"/api/pools?year={Year + 1}"));
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task CityReviewer_SeesEveryDistrict_FiltersByDistrict_AndHasNoEditActions()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "pools-city");
        await s.SignInAsync("city");
        await s.Page.GotoAsync("/pools");
        var table = s.Page.GetByTestId("pool-table");
        var all = (await GetJsonAsync(s, $"/api/pools?year={Year}&pageSize=100")).GetProperty("items");
        Assert.True(all.EnumerateArray().Select(m => m.GetProperty("districtCode").GetString()).Distinct().Count() >= 8, "demo pools cover every district");
        await Expect(table.GetByTestId("member-name")).ToHaveCountAsync(all.GetArrayLength());
        await Expect(table.Locator("th").Filter(new() { HasText = "区县" })).ToBeVisibleAsync();
        await s.StepAsync("all-districts");

        await MudUi.SelectAsync(s.Page, "district-filter", "祁门县");
        var qimen = (await ItemsAsync(s, $"/api/pools?year={Year}&district=341024&pageSize=100"))
            .Select(m => m.GetProperty("memberName").GetString()!).ToArray();
        Assert.NotEmpty(qimen);
        await Expect(table.GetByTestId("member-name")).ToHaveTextAsync(qimen);
        await Expect(table.Locator("td[data-label='区县']")).ToHaveTextAsync(qimen.Select(_ => "祁门县").ToArray());
        await s.StepAsync("qimen");

        await Expect(table.Locator("tbody").GetByRole(AriaRole.Button)).ToHaveCountAsync(0); // the rows offer no action (the pager has its buttons)
        await Expect(s.Page.GetByTestId("register-enterprise")).ToHaveCountAsync(0);
        await Expect(s.Page.GetByTestId("enrol-existing")).ToHaveCountAsync(0);
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    private static ILocator Row(IPage page, string memberName) =>
        page.GetByTestId("pool-table").Locator("tbody tr").Filter(new() { Has = page.GetByTestId("member-name").GetByText(memberName, new() { Exact = true }) });

    private static ILocator Cell(IPage page, string memberName, string column) => Row(page, memberName).Locator($"td[data-label='{column}']");

    /// <summary>The member's record in this year's pool, as the API has it.</summary>
    private static async Task<JsonElement> MemberAsync(BrowserSession s, string memberName) =>
        (await ItemsAsync(s, $"/api/pools?year={Year}&pageSize=100")).Single(m => m.GetProperty("memberName").GetString() == memberName);
}
