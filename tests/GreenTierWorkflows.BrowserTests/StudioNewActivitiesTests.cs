using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>
/// The genuine Studio draws the activities issue 16 added from their descriptors: a workflow made of Elsa.HttpEndpoint,
/// Elsa.RunJavaScript, Elsa.ParallelForEach, Elsa.FlowNode and Elsa.WriteHttpResponse opens with every node drawn, the
/// endpoint's Supported Methods as Elsa's check list (Studio refused the hint "check-list" until it was Elsa's
/// "checklist"), and the HTTP category in the palette.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioNewActivitiesTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private static JsonObject Literal(string value, string typeName = "String") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Node(string id, string type, int x, int y, params (string Name, JsonNode Value)[] inputs)
    {
        var node = new JsonObject
        {
            ["type"] = type, ["id"] = id, ["nodeId"] = "Workflow1:root:" + id, ["version"] = 1, ["name"] = id,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = type == "Elsa.HttpEndpoint" },
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } },
        };
        foreach (var (name, value) in inputs) node[name] = value;
        return node;
    }

    private static JsonObject Connection(string from, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };

    [Fact]
    public async Task Editor_DrawsHttpScriptingAndParallelActivities_FromTheirDescriptors()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "new-activities");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var definition = new JsonObject
        {
            ["id"] = "province-callback-demo-v1", ["definitionId"] = "province-callback-demo", ["name"] = "省厅回调示例", ["version"] = 1, ["isLatest"] = true, ["isPublished"] = true,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart", ["id"] = "root", ["nodeId"] = "Workflow1:root", ["version"] = 1,
                ["activities"] = new JsonArray(
                    Node("callback", "Elsa.HttpEndpoint", 0, 0, ("path", Literal("/province/{nomination}/result")),
                        ("supportedMethods", new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"POST\"]" } })),
                    Node("check", "Elsa.RunJavaScript", 240, 0, ("script", Literal("return getInput('HttpRequest').parsedContent;"))),
                    Node("districts", "Elsa.ParallelForEach", 480, 0, ("items", Literal("[\"屯溪区\",\"歙县\"]", "Object"))),
                    Node("box", "Elsa.FlowNode", 120, 200),
                    Node("answer", "Elsa.WriteHttpResponse", 360, 200, ("content", Literal("已收到")))),
                ["connections"] = new JsonArray(Connection("callback", "check"), Connection("check", "districts"), Connection("districts", "box"), Connection("box", "answer")),
            },
        };
        await s.ImportDefinitionAsync(definition);

        var editor = await s.OpenInEditorAsync("province-callback-demo", 5);
        await Expect(editor.Locator(".x6-node", new() { HasText = "HTTP Endpoint" })).ToHaveCountAsync(1, new() { Timeout = BrowserSession.Timeout });
        await Expect(editor.Locator(".x6-node", new() { HasText = "HTTP Response" })).ToHaveCountAsync(1, new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("nodes-drawn");

        await editor.Locator(".x6-node", new() { HasText = "HTTP Endpoint" }).First.Locator("text=callback").ClickAsync(new() { Force = true });
        // MudBlazor keeps the field's <legend> visually hidden and shows a copy: the legend is only attached.
        await Expect(editor.GetByText("Supported Methods", new() { Exact = true }).First).ToBeAttachedAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(editor.GetByText("POST", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(editor.GetByText("DELETE", new() { Exact = true }).First).ToBeAttachedAsync(new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("endpoint-selected");

        await Expect(editor.GetByText("HTTP", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.AtWidthsAsync("new-activities-editor");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
