using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>
/// An annual-declaration-round instance that has run up to its reminder Delay is listed in Studio's instance list, and
/// its viewer (opened from the list) draws the flowchart, marks what ran and where it waits, and lists the journal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioInstanceTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string DefinitionId = "annual-declaration-round";
    private const string InstanceName = "2026 年度绿色工厂申报"; // set by SetName1 from the window-opened input
    private const string WaitingAt = "等待提醒时点"; // Delay1
    private static readonly string[] Completed = ["申报窗口开启", "按年度和类型关联", "命名本轮申报", "通知各区县"];
    private static readonly string[] NotReached = ["截止提醒", "申报窗口关闭", "关闭通知"];

    /// <summary>The viewer's journal panel, one line per log record: "{activity name} {type display name} - {event}".</summary>
    private static readonly (string Activity, string Event)[] Journal =
    [
        ("申报窗口开启", "Event - Started"), ("申报窗口开启", "Event - Resumed"), ("申报窗口开启", "Event - Completed"),
        ("按年度和类型关联", "Correlate - Started"), ("按年度和类型关联", "Correlate - Completed"),
        ("命名本轮申报", "Set Name - Started"), ("命名本轮申报", "Set Name - Completed"),
        ("通知各区县", "Write Line - Started"), ("通知各区县", "Write Line - Completed"),
        ("等待提醒时点", "Delay - Started"),
    ];

    [Fact]
    public async Task InstanceViewer_ShowsWhereTheInstanceStands_WhenOpenedFromTheInstanceList()
    {
        var workflow = Repo.Workflows().Single(w => w.DefinitionId == DefinitionId);
        await using var s = await BrowserSession.StartAsync(browser, app, "instance");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");

        // Start, then resume at the window-opened event: the instance runs on to the reminder Delay and waits there.
        var instanceId = await ExecuteAsync(s);
        var trigger = await s.Context.APIRequest.PostAsync("/elsa/api/events/declaration-window-opened/trigger", new()
        {
            DataObject = new { workflowInstanceId = instanceId, input = new { year = 2026, type = "green-factory", typeName = "绿色工厂", deadline = "2026-05-15", reminderAfter = "7.00:00:00" } },
        });
        Assert.True(trigger.Ok, $"trigger answered {trigger.Status}: {await trigger.TextAsync()}");
        var instance = await InstanceAsync(s, instanceId);
        Assert.Equal("Suspended", (string?)instance["subStatus"]);
        Assert.Equal(InstanceName, (string?)instance["name"]);

        // The list: one row per instance with its id, definition name, instance name and sub-status.
        await s.Page.GotoAsync("/studio/instances");
        var list = s.Page.Locator("elsa-workflow-instance-list");
        var row = list.Locator("tbody tr", new() { HasText = instanceId });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(row).ToContainTextAsync(workflow.Name);
        await Expect(row).ToContainTextAsync(InstanceName);
        await Expect(row).ToContainTextAsync("Suspended");
        await s.StepAsync("list");

        // Clicking the row opens the viewer page of that instance.
        await row.GetByText(instanceId).ClickAsync();
        await s.Page.WaitForURLAsync(url => url.EndsWith("/studio/instances/" + instanceId, StringComparison.Ordinal));
        var viewer = s.Page.Locator("elsa-workflow-instance-viewer");
        var nodes = viewer.Locator(".x6-graph .x6-node");
        await Expect(nodes).ToHaveCountAsync(workflow.RootActivityCount, new() { Timeout = BrowserSession.Timeout });
        Assert.Equal(8, workflow.RootActivityCount);

        // Node badges come from the activity execution report: completed once (green), blocked on its bookmark (orange), not reached (none).
        foreach (var label in Completed)
        {
            var badge = StudioNodes.ByLabel(nodes, label).Locator(".mud-badge");
            await Expect(badge).ToHaveClassAsync(new Regex(@"\bmud-theme-success\b"), new() { Timeout = BrowserSession.Timeout });
            await Expect(badge).ToHaveTextAsync("1");
        }
        await Expect(StudioNodes.ByLabel(nodes, WaitingAt).Locator(".mud-badge")).ToHaveClassAsync(new Regex(@"\bmud-theme-warning\b"));
        foreach (var label in NotReached)
            await Expect(StudioNodes.ByLabel(nodes, label).Locator(".mud-badge")).ToHaveCountAsync(0);

        // The journal panel lists what ran, in order, ending at the Delay that has started and not finished.
        var journal = viewer.Locator(".mud-timeline-item .mud-timeline-item-content");
        await Expect(journal).ToHaveTextAsync(
            Journal.Select(j => new Regex($@"^\s*{Regex.Escape(j.Activity)}\s*{Regex.Escape(j.Event)}\s*$")).ToArray(),
            new() { Timeout = BrowserSession.Timeout });

        // The details panel describes the instance.
        await Expect(viewer).ToContainTextAsync(InstanceName);
        await Expect(viewer).ToContainTextAsync("round-2026-green-factory");

        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await s.StepAsync("viewer");
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync(new() { Timeout = 1_000 });
        Assert.Equal(workflow.RootActivityCount, await nodes.CountAsync());
        s.AssertNoExternalRequestsOrConsoleErrors();
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
}
