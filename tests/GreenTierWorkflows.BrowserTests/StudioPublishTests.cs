using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>A designer edits an activity input in Studio and publishes; the API then serves the new published version.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioPublishTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string DefinitionId = "annual-declaration-round";
    private const string ActivityId = "9f6b2d4e8a3c1b04"; // WriteLine 通知各区县
    private const string ActivityLabel = "通知各区县";

    [Fact]
    public async Task Publish_CreatesNewPublishedVersionWithEditedText_WhenDesignerChangesWriteLineText()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "publish");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var before = await PublishedAsync(s);
        var beforeVersion = before["version"]!.GetValue<int>();
        var olderInstance = await ExecuteAsync(s); // waits at the window-opened event, pinned to the version published now
        var newText = $"浏览器测试 {Guid.NewGuid():N}：申报窗口已开启";

        await s.Page.GotoAsync("/studio/definitions/" + DefinitionId);
        var editor = s.Page.Locator("elsa-workflow-definition-editor");
        await Expect(editor.Locator(".x6-node")).ToHaveCountAsync(RootActivityCount(), new() { Timeout = BrowserSession.Timeout });

        // Select the WriteLine node; its Input tab shows "Text" as a Monaco (Liquid) expression editor.
        await editor.Locator(".x6-node", new() { HasText = ActivityLabel }).ClickAsync(new() { Force = true });
        var textEditor = editor.Locator(".studio-expression-input-monaco-editor").First;
        await Expect(textEditor).ToContainTextAsync("Variables.Round.year", new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("activity-selected");

        await textEditor.Locator(".view-lines").ClickAsync();
        await s.Page.Keyboard.PressAsync("Control+A");
        await s.Page.Keyboard.PressAsync("Delete");
        // Auto-save is on: the edit reaches Studio's model (after its input debounce) when a save carries it.
        var saved = await s.Page.RunAndWaitForRequestAsync(
            () => s.Page.Keyboard.InsertTextAsync(newText),
            r => r.Method == "POST" && r.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal) && SentText(r) == newText,
            new() { Timeout = BrowserSession.Timeout });
        Assert.True((await saved.ResponseAsync())?.Ok, "auto-save failed");
        await Expect(textEditor).ToContainTextAsync(newText[..10]);
        await s.StepAsync("text-changed");

        var published = await StudioToolbar.PublishAsync(s, editor);
        Assert.Equal(newText, SentText(published.Request));
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.StepAsync("published");

        var after = await PublishedAsync(s);
        Assert.True(after["version"]!.GetValue<int>() > beforeVersion, $"published version stayed {beforeVersion}");
        var activity = after["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == ActivityId)!;
        Assert.Equal(newText, (string?)activity["text"]!["expression"]!["value"]);
        Assert.True(after["isPublished"]!.GetValue<bool>());

        // New instances start on the new version; the older one still resumes on its own.
        var newerInstance = await ExecuteAsync(s);
        Assert.Equal(after["version"]!.GetValue<int>(), (await InstanceAsync(s, newerInstance))["version"]!.GetValue<int>());
        var trigger = await s.Context.APIRequest.PostAsync("/elsa/api/events/declaration-window-opened/trigger", new()
        {
            DataObject = new { workflowInstanceId = olderInstance, input = new { year = 2026, type = "green-factory", typeName = "绿色工厂", deadline = "2026-05-15", reminderAfter = "7.00:00:00" } },
        });
        Assert.True(trigger.Ok, $"trigger answered {trigger.Status}: {await trigger.TextAsync()}");
        var resumed = await InstanceAsync(s, olderInstance);
        Assert.Equal(beforeVersion, resumed["version"]!.GetValue<int>());
        Assert.Equal("Suspended", (string?)resumed["subStatus"]); // now at the reminder Delay
        var journal = await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-instances/{olderInstance}/journal?skip=0&take=100");
        Assert.Contains(ActivityId, await journal.TextAsync());
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>The WriteLine text in a save/publish request body ({"model":{…},"publish":…}), or null.</summary>
    private static string? SentText(IRequest request)
    {
        try
        {
            var activity = JsonNode.Parse(request.PostData ?? "")?["model"]?["root"]?["activities"]?.AsArray()
                .SingleOrDefault(a => (string?)a?["id"] == ActivityId);
            return (string?)activity?["text"]?["expression"]?["value"];
        }
        catch (JsonException) { return null; }
    }

    /// <summary>Starts the published version through Elsa's execute endpoint; returns the instance id from the response header.</summary>
    private static async Task<string> ExecuteAsync(BrowserSession s)
    {
        var response = await s.Context.APIRequest.PostAsync($"/elsa/api/workflow-definitions/{DefinitionId}/execute", new() { DataObject = new { } });
        Assert.True(response.Ok, $"execute answered {response.Status}: {await response.TextAsync()}");
        return response.Headers["x-elsa-workflow-instance-id"];
    }

    private static async Task<JsonObject> InstanceAsync(BrowserSession s, string instanceId)
    {
        var response = await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-instances/{instanceId}");
        var body = await response.TextAsync();
        Assert.True(response.Ok, $"GET instance {instanceId}: {response.Status} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static int RootActivityCount() =>
        Repo.Workflows().Single(w => w.DefinitionId == DefinitionId).RootActivityCount;

    /// <summary>GET the published version through the API with the browser's sign-in cookie.</summary>
    private static async Task<JsonObject> PublishedAsync(BrowserSession s)
    {
        var response = await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        var body = await response.TextAsync();
        Assert.True(response.Ok, $"GET published {DefinitionId}: {response.Status} {body}");
        return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions())!.AsObject();
    }
}
