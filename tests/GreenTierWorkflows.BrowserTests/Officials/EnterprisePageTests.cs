using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// Issue 17 item 7 and issue 19 in Chromium: 歙县 opens an enterprise from its pool into its 企业档案, edits the contact in the
/// 编辑 dialog and sees it saved and recorded; a wrong credit code is refused under its field and changes nothing. The task
/// page shows 为何停滞 above the decision form. Screenshots at 1366 and 390 px of the file, the dialog and the task page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EnterprisePageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task District_OpensAnEnterpriseFromThePool_EditsTheContact_AndAWrongCreditCodeIsRefusedAtTheField()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "enterprise-file");
        await s.SignInAsync("shexian");
        var page = s.Page;
        await page.GotoAsync($"/pools?year={Year}");
        var link = page.GetByTestId("member-enterprise").First;
        var name = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/enterprises/[0-9a-f]{32}$"), new() { Timeout = BrowserSession.Timeout });
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.GetByTestId("enterprise-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("certificate")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("enterprise-pool").First).ToContainTextAsync($"{Year} 年");
        var before = await GetJsonAsync(s, $"/api/enterprises/{id}");
        var code = before.GetProperty("creditCode").GetString()!;
        await s.AtWidthsAsync("enterprise-file");

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Retry.ClickUntilVisibleAsync(page.GetByTestId("edit-enterprise"), dialog.GetByTestId("enterprise-edit-form"));
        await Expect(dialog.Locator("#creditCode")).ToHaveValueAsync(code);
        await s.AtWidthsAsync("enterprise-edit-dialog");

        // A wrong credit code: the registration's message under the field, the dialog stays, nothing saved.
        await dialog.Locator("#creditCode").FillAsync("91350100M000100Y4A");
        await dialog.Locator("#contactName").FillAsync("不应保存");
        await dialog.GetByTestId("enterprise-edit-save").ClickAsync();
        await Expect(dialog.Locator("#creditCode-error")).ToContainTextAsync("校验位", new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("enterprise-edit-refused");
        Assert.Equal(before.GetProperty("contactName").ToString(), (await GetJsonAsync(s, $"/api/enterprises/{id}")).GetProperty("contactName").ToString());

        // The right code and a new contact: saved, shown, recorded in 修改记录 with the changed fields.
        await dialog.Locator("#creditCode").FillAsync(code);
        await dialog.Locator("#contactName").FillAsync("李四");
        await dialog.Locator("#contactPhone").FillAsync("13905590000");
        await dialog.GetByTestId("enterprise-edit-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = BrowserSession.Timeout });
        await Expect(page.GetByTestId("enterprise-contact")).ToContainTextAsync("李四 · 13905590000");
        await Expect(page.GetByTestId("enterprise-edit").First).ToContainTextAsync("→ 李四");
        await Expect(page.GetByTestId("enterprise-edit").First).ToContainTextAsync("歙县");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("enterprise-contact")).ToContainTextAsync("李四 · 13905590000");
        await s.AtWidthsAsync("enterprise-file-edited");
        var after = await GetJsonAsync(s, $"/api/enterprises/{id}");
        Assert.Equal("李四", after.GetProperty("contactName").GetString());
        Assert.Equal(code, after.GetProperty("creditCode").GetString());

        // 企业名录 finds it by credit code, with the search in the URL.
        await page.GotoAsync($"/enterprises?keyword={code}");
        await Expect(page.GetByTestId("enterprise-link")).ToHaveTextAsync(name);
        await s.AtWidthsAsync("enterprise-list");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task TaskPage_ShowsWhyTheNominationWaits_AboveTheDecisionForm()
    {
        string id;
        await using (var district = await BrowserSession.StartAsync(browser, app, "task-stall-district"))
        {
            await district.SignInAsync("xiuning");
            await CreateDraftsAsync(district, 1);
            id = (await ItemsAsync(district, $"/api/nominations?year={Year}&status=Draft&pageSize=1")).First().GetProperty("id").GetString()!;
            await SubmitAsync(district, "xiuning", id);
        }

        await using var city = await BrowserSession.StartAsync(browser, app, "task-stall-city");
        await city.SignInAsync("city");
        var page = city.Page;
        await page.GotoAsync($"/nominations/{id}");
        await Expect(page.GetByTestId("applicant-enterprise")).ToHaveAttributeAsync("href", new Regex("^/enterprises/[0-9a-f]{32}$"));
        await page.GetByTestId("stall-act").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tasks/[0-9a-f]+$"), new() { Timeout = BrowserSession.Timeout });

        var panel = page.GetByTestId("stall-panel");
        await Expect(panel.GetByTestId("stall-headline")).ToContainTextAsync("等待市级评审");
        await Expect(panel.GetByTestId("stall-holder")).ToHaveTextAsync("市级评审 · 黄山市工信局");
        await Expect(panel.GetByTestId("stall-claimed")).ToHaveTextAsync("未认领");
        await Expect(panel.GetByTestId("stall-act")).ToHaveCountAsync(0);
        var form = page.GetByTestId("decision-form");
        await Expect(form).ToBeVisibleAsync();
        var panelBox = (await panel.BoundingBoxAsync())!;
        var formBox = (await form.BoundingBoxAsync())!;
        Assert.True(panelBox.Y + panelBox.Height <= formBox.Y + 1, $"为何停滞 (y {panelBox.Y}, h {panelBox.Height}) should sit above the decision form (y {formBox.Y})");
        await Expect(page.GetByTestId("applicant-enterprise-file")).ToHaveAttributeAsync("href", new Regex("^/enterprises/[0-9a-f]{32}$"));
        await city.AtWidthsAsync("task-stall");
        city.AssertNoExternalRequestsOrConsoleErrors();
    }
}
