using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>Who gets into Elsa Studio under /studio: sign-in round trip for designers, 403 for district officials.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioAccessTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Rows the Studio definition list shows per page by default.</summary>
    private const int PageSize = 10;

    [Fact]
    public async Task Studio_RedirectsToLoginAndBackThenListsEveryWorkflowFile_WhenDesignerSignsIn()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "access-designer");
        var workflows = Repo.Workflows();
        Assert.NotEmpty(workflows);

        await s.Page.GotoAsync("/studio/");
        Assert.Matches(new Regex(@"/account/login\?ReturnUrl=%2Fstudio%2F$"), s.Page.Url);
        await Expect(s.Page.Locator("#username")).ToBeVisibleAsync();
        await s.StepAsync("redirected-to-login");

        await s.SignInAsync("designer");
        await s.Page.WaitForURLAsync(app.BaseUrl + "/studio/");

        var list = s.Page.Locator("elsa-workflow-definition-list");
        await Expect(list.GetByText(workflows[0].Name, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        if (workflows.Count <= PageSize)
        {
            foreach (var workflow in workflows)
                await Expect(list.GetByText(workflow.Name, new() { Exact = true }).First).ToBeVisibleAsync();
        }
        else
        {
            // More than one page of definitions: look each one up with the list's search box.
            var search = list.GetByPlaceholder("Search on Id, Name, Description, Definition Id");
            foreach (var workflow in workflows)
            {
                await search.FillAsync(workflow.DefinitionId);
                await search.PressAsync("Enter");
                await Expect(list.GetByText(workflow.Name, new() { Exact = true }).First).ToBeVisibleAsync();
            }
        }
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.StepAsync("definition-list");

        s.AssertNoExternalRequestsOrConsoleErrors();

        // Studio's own logout form (a same-origin form post, no token) passes the cross-site request guard.
        await s.Page.Locator("nav.gtw form[action='/account/logout'] button").ClickAsync();
        await s.Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Equal(401, (await s.Context.APIRequest.GetAsync("/api/tasks")).Status);
    }

    [Fact]
    public async Task Studio_ShowsForbiddenPage_WhenDistrictOfficialSignsIn()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "access-district");

        await s.Page.GotoAsync("/studio/");
        Assert.Contains("/account/login", s.Page.Url);
        var forbidden = s.Page.WaitForResponseAsync(r => r.Url.Contains("/account/denied", StringComparison.Ordinal));
        await s.SignInAsync("shexian");
        Assert.Equal(403, (await forbidden).Status);

        Assert.Contains("/account/denied", s.Page.Url);
        await Expect(s.Page).ToHaveTitleAsync("无权访问");
        await Expect(s.Page.GetByText("当前账号没有访问该页面的权限")).ToBeVisibleAsync();
        await Expect(s.Page.Locator("elsa-workflow-definition-list")).ToHaveCountAsync(0);
        await s.StepAsync("forbidden");

        // Chromium reports the 403 document itself as a console error; that one is expected here, nothing else is.
        var unexpected = s.ConsoleErrors.Where(e => !(e.Contains("status of 403", StringComparison.Ordinal) && e.Contains("/account/denied", StringComparison.Ordinal))).ToList();
        Assert.True(s.ExternalRequests.IsEmpty && unexpected.Count == 0, s.Report());
    }
}
