using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>Studio's designer draws every workflow in workflows/ completely.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioCanvasTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>The X6 graph's node elements inside the designer canvas.</summary>
    public const string NodeSelector = "elsa-workflow-definition-editor .x6-graph .x6-node";

    public static TheoryData<string> WorkflowFiles()
    {
        var data = new TheoryData<string>();
        foreach (var workflow in Repo.Workflows()) data.Add(workflow.FileName);
        return data;
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task Editor_DrawsEveryRootActivity_WhenWorkflowFileIsOpened(string fileName)
    {
        var workflow = WorkflowFile.Read(Path.Combine(Repo.WorkflowsDirectory, fileName));
        Assert.True(workflow.RootActivityCount > 0, $"{fileName} has no activities in root.activities");
        await using var s = await BrowserSession.StartAsync(browser, app, "canvas-" + workflow.DefinitionId);
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");

        await s.Page.GotoAsync("/studio/definitions/" + Uri.EscapeDataString(workflow.DefinitionId));
        var nodes = s.Page.Locator(NodeSelector);
        await Expect(nodes.First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(nodes).ToHaveCountAsync(workflow.RootActivityCount, new() { Timeout = BrowserSession.Timeout });
        // The definition's name is its editor tab (a workflow used as an activity also names a palette entry, hidden until opened).
        await Expect(s.Page.Locator("elsa-workflow-definition-editor").GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = workflow.Name, Exact = true })).ToBeVisibleAsync();
        // Let late requests and console messages arrive before the checks below. The largest definition keeps Studio busy for
        // a while on a loaded machine, so the wait is bounded: the assertions, not the idle network, decide the result.
        try
        {
            await s.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
        }
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.StepAsync("canvas");

        Assert.Equal(workflow.RootActivityCount, await nodes.CountAsync());
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
