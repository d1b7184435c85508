using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 培育梯度 (/readiness) and 目标测算 (/readiness/plan) in the demo data: 屯溪区 sees its three members in three states,
/// opens one with an expiring certificate, records who follows the gap up and by when (kept after a reload and in the
/// API); the city sees the plan with its chart, the warning and an adjustable assumption.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadinessPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string Expiring = "黄山市屯溪徽韵漆器有限公司";

    private static ILocator Row(IPage page, string name) => page.GetByTestId("readiness-table").Locator("tr").Filter(new() { HasText = name });

    [Fact]
    public async Task ADistrictSeesItsLadderWithAGap_RecordsAFollowUp_AndTheCitySeesThePlanWithItsChart()
    {
        await using (var s = await BrowserSession.StartAsync(browser, app, "readiness-ladder"))
        {
            await s.SignInAsync("tunxi");
            await s.Page.GetByRole(AriaRole.Link, new() { Name = "培育梯度" }).ClickAsync();
            await Expect(s.Page.GetByTestId("readiness-table")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
            await Expect(Row(s.Page, "黄山市屯溪区新安茶业有限公司").GetByTestId("cell-Province")).ToHaveTextAsync("可申报");
            await Expect(Row(s.Page, "黄山市屯溪精工汽车零部件有限公司").GetByTestId("cell-City")).ToHaveTextAsync("不符合条件");
            await Expect(Row(s.Page, Expiring).GetByTestId("cell-City")).ToContainTextAsync("差");
            await Expect(s.Page.GetByTestId("readiness-table").Locator("tr").Filter(new() { HasText = "歙县" })).ToHaveCountAsync(0);
            await s.AtWidthsAsync("ladder");

            // The member's checklist: the certificate gap explains itself; a follow-up is recorded and kept.
            await Row(s.Page, Expiring).GetByTestId("member-name").GetByText(Expiring).ClickAsync();
            var gap = s.Page.GetByTestId("gap").Filter(new() { HasText = "GB/T 45001" });
            await Expect(gap.GetByTestId("gap-evidence")).ToContainTextAsync("GB/T 45001 证书");
            await Expect(gap.GetByTestId("gap-evidence")).ToContainTextAsync("到期，早于市级申报截止");
            await gap.Locator("[data-testid=gap-guidance] input, input[data-testid=gap-guidance]").First.FillAsync("联系认证机构提前办理换证审核");
            await gap.Locator("[data-testid=gap-assignee] input, input[data-testid=gap-assignee]").First.FillAsync("李科长");
            await gap.GetByTestId("gap-save").ClickAsync();
            await Expect(gap.GetByTestId("gap-followup")).ToContainTextAsync("跟进：李科长", new() { Timeout = BrowserSession.Timeout });
            await s.Page.ReloadAsync();
            await Expect(s.Page.GetByTestId("gap").Filter(new() { HasText = "GB/T 45001" }).GetByTestId("gap-followup"))
                .ToContainTextAsync("联系认证机构提前办理换证审核", new() { Timeout = BrowserSession.Timeout });
            await s.AtWidthsAsync("checklist");
            var member = await GetJsonAsync(s, "/api/readiness?pageSize=100");
            var row = member.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("memberName").GetString() == Expiring);
            Assert.Contains(row.GetProperty("followUps").EnumerateArray(), f => f.GetProperty("assignee").GetString() == "李科长");
            s.AssertNoExternalRequestsOrConsoleErrors();
        }

        await using (var s = await BrowserSession.StartAsync(browser, app, "readiness-plan"))
        {
            await s.SignInAsync("city");
            await s.Page.GotoAsync("/readiness/plan");
            await Expect(s.Page.GetByTestId("plan-chart").Locator("svg").First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
            await Expect(s.Page.GetByTestId("plan-warning")).ToContainTextAsync("低于年度目标 2 家");
            await Expect(s.Page.GetByTestId("plan-stage")).ToHaveCountAsync(5);
            await Expect(s.Page.GetByTestId("plan-candidates")).ToContainTextAsync("歙县徽墨制造有限公司");
            var before = await s.Page.GetByTestId("plan-expected").InnerTextAsync();
            await s.AtWidthsAsync("plan");

            // An adjusted assumption: every step at 100 % → the one ready factory is expected to reach the list.
            foreach (var field in await s.Page.GetByTestId("plan-stage").Locator("input").AllAsync())
            {
                await field.FillAsync("100");
                await field.PressAsync("Tab");
            }
            await Expect(s.Page.GetByTestId("plan-expected")).ToHaveTextAsync("1.0", new() { Timeout = BrowserSession.Timeout });
            Assert.NotEqual("1.0", before);
            await s.StepAsync("plan-adjusted");
            s.AssertNoExternalRequestsOrConsoleErrors();
        }
    }
}
