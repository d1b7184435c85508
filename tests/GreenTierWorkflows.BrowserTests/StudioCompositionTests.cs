using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>
/// The genuine Studio with a workflow usable as an activity: it is offered in the activity palette under its category,
/// a workflow that uses it opens with the node drawn (its outcome ports from the child's outcomes, its input on the
/// Input tab), and the instance viewer opens an instance in which the child ran.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioCompositionTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string ChildName = "市级评审路径";
    private const string Category = "评审路径";

    [Fact]
    public async Task Palette_OffersTheSharedPath_AndTheEditorDrawsANodeThatUsesIt()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "composition");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var child = new JsonObject
        {
            ["id"] = "city-review-path-v1", ["definitionId"] = "city-review-path", ["name"] = ChildName, ["version"] = 1, ["isLatest"] = true, ["isPublished"] = true,
            ["description"] = "市级评审与现场核查，三类申报共用",
            ["inputs"] = new JsonArray(new JsonObject { ["type"] = "Int32", ["name"] = "DueDays", ["displayName"] = "办理期限（天）", ["uiHint"] = "singleline" }),
            ["outputs"] = new JsonArray(new JsonObject { ["type"] = "String", ["name"] = "Verdict", ["displayName"] = "结论" }),
            ["outcomes"] = new JsonArray("通过", "不通过"),
            ["options"] = new JsonObject { ["usableAsActivity"] = true, ["autoUpdateConsumingWorkflows"] = true, ["activityCategory"] = Category },
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart", ["id"] = "path-root", ["nodeId"] = "Workflow1:path-root", ["version"] = 1, ["connections"] = new JsonArray(),
                ["activities"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Elsa.Complete", ["id"] = "path-done", ["nodeId"] = "Workflow1:path-root:path-done", ["version"] = 1,
                    ["outcomes"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "通过" } },
                }),
            },
        };
        var parent = new JsonObject
        {
            ["id"] = "uses-city-review-path-v1", ["definitionId"] = "uses-city-review-path", ["name"] = "组合示例：工厂申报", ["version"] = 1, ["isLatest"] = true, ["isPublished"] = true,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart", ["id"] = "parent-root", ["nodeId"] = "Workflow1:parent-root", ["version"] = 1, ["connections"] = new JsonArray(),
                ["activities"] = new JsonArray(new JsonObject
                {
                    ["type"] = "市级评审路径", ["id"] = "review", ["nodeId"] = "Workflow1:parent-root:review", ["version"] = 1, ["name"] = "Review1",
                    ["workflowDefinitionId"] = "city-review-path", ["workflowDefinitionVersionId"] = "city-review-path-v1",
                    ["latestAvailablePublishedVersion"] = 1, ["latestAvailablePublishedVersionId"] = "city-review-path-v1",
                    ["dueDays"] = new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "10" } },
                    ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 200, ["y"] = 160 } } },
                }),
            },
        };
        foreach (var definition in new[] { child, parent }) await s.ImportDefinitionAsync(definition);

        var editor = await s.OpenInEditorAsync("uses-city-review-path", 1);
        var node = editor.Locator(".x6-node");
        await Expect(node.First).ToContainTextAsync(ChildName, new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("node-drawn");

        // Selected, the node shows the child's declared input (by its display name) on the Input tab.
        await node.First.ClickAsync(new() { Force = true });
        await Expect(editor.Locator("label", new() { HasText = "办理期限（天）" }).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("node-selected");

        // The palette: the category of the shared path; opened, the path in it (besides the node's own label).
        var category = editor.GetByText(Category, new() { Exact = true }).First;
        await Expect(category).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await category.ClickAsync();
        var labels = editor.GetByText(ChildName, new() { Exact = true });
        await Expect(labels).ToHaveCountAsync(2, new() { Timeout = BrowserSession.Timeout });
        await Expect(labels.Last).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.StepAsync("palette");
        await s.AtWidthsAsync("composition-editor");

        // An instance of the parent ran the child inside it; the viewer draws the parent's node and its journal.
        var run = await s.Context.APIRequest.PostAsync("/elsa/api/workflow-definitions/uses-city-review-path/execute", new() { DataObject = new { } });
        Assert.True(run.Ok, $"execute answered {run.Status}: {await run.TextAsync()}");
        var instanceId = run.Headers["x-elsa-workflow-instance-id"];
        await s.Page.GotoAsync("/studio/instances/" + instanceId);
        var viewer = s.Page.Locator("elsa-workflow-instance-viewer");
        await Expect(viewer.Locator(".x6-graph .x6-node")).ToHaveCountAsync(1, new() { Timeout = BrowserSession.Timeout });
        await Expect(viewer.Locator(".x6-graph .x6-node").First).ToContainTextAsync(ChildName);
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.StepAsync("instance-viewer");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
