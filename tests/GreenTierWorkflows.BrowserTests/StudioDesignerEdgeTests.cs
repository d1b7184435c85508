using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>
/// Issue 16's Studio defects, seen in the genuine Studio: a review task draws one port per configured outcome, zoom-to-fit
/// fits the nomination flowchart (the shared review path) on a 1366 and a 1920 px screen, and after v2 is published the instance list still shows
/// the instance running on v1, named after the enterprise and its nomination.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioDesignerEdgeTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string DefinitionId = "green-factory-nomination";
    private const string ReviewPathId = "nomination-review-path";

    /// <summary>Review tasks of the nomination flowchart — the shared review path the three types use — (by their label) and the ports their configured outcomes give.</summary>
    private static readonly (string Label, string[] Ports)[] ReviewTasks =
    [
        ("市级评审", ["通过", "退回修改", "不通过"]),
        ("现场核查", ["通过", "不通过"]),
        ("区县修改后重新提交", ["重新提交"]),
        ("记录省级评审与公示结果", ["通过", "不通过"]),
    ];

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task ReviewTasks_DrawTheirConfiguredOutcomesAsPorts_AndZoomToFitFitsTheNominationFlowchart(int width, int height)
    {
        await using var s = await BrowserSession.StartAsync(browser, app, $"designer-edges-{width}");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        await s.Page.SetViewportSizeAsync(width, height);
        await s.Page.GotoAsync("/studio/definitions/" + ReviewPathId);
        var editor = s.Page.Locator("elsa-workflow-definition-editor");
        var nodes = s.Page.Locator(StudioCanvasTests.NodeSelector);
        var count = Repo.Workflows().Single(w => w.DefinitionId == ReviewPathId).RootActivityCount;
        await Expect(nodes).ToHaveCountAsync(count, new() { Timeout = BrowserSession.Timeout });

        foreach (var (label, ports) in ReviewTasks)
        {
            var node = StudioNodes.ByLabel(nodes, label);
            var outPorts = node.Locator("[port-group=out]");
            await Expect(outPorts).ToHaveCountAsync(ports.Length, new() { Timeout = BrowserSession.Timeout });
            Assert.Equal(ports, await outPorts.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('port'))"));
        }

        await ZoomToFitAsync(s, editor);
        // The part of the graph a designer sees: its box clipped by every scrolling or clipping ancestor (the panel below
        // the canvas takes part of the graph element's height).
        var canvas = await editor.Locator(".x6-graph").First.EvaluateAsync<Rect>("""
            g => {
              let r = g.getBoundingClientRect(); let top = r.top, left = r.left, right = r.right, bottom = r.bottom;
              for (let e = g.parentElement; e; e = e.parentElement) {
                const o = getComputedStyle(e).overflow;
                if (o === 'visible') continue;
                const b = e.getBoundingClientRect();
                top = Math.max(top, b.top); left = Math.max(left, b.left); right = Math.min(right, b.right); bottom = Math.min(bottom, b.bottom);
              }
              return { X: left, Y: top, Width: right - left, Height: bottom - top };
            }
            """);
        var outside = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var box = (await nodes.Nth(i).BoundingBoxAsync())!;
            if (box.X < canvas.X - 1 || box.Y < canvas.Y - 1 || box.X + box.Width > canvas.X + canvas.Width + 1 || box.Y + box.Height > canvas.Y + canvas.Height + 1)
                outside.Add($"{await nodes.Nth(i).Locator(".activity-label").TextContentAsync()} at ({box.X:0},{box.Y:0}) {box.Width:0}×{box.Height:0}");
        }
        Assert.True(outside.Count == 0,
            $"canvas ({canvas.X:0},{canvas.Y:0}) {canvas.Width:0}×{canvas.Height:0} at {width}×{height}; nodes outside after zoom to fit:\n{string.Join("\n", outside)}");
        await s.StepAsync($"zoom-to-fit-{width}");
        await StudioNodes.ByLabel(nodes, "现场核查").ScreenshotAsync(new() { Path = Path.Combine(Repo.ArtifactsDirectory, $"designer-edges-{width}-verify-node.png") });
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task OnSiteChecklist_IsSetPerTypeOnTheParent_AndReadByTheSharedPathsVerifyNode()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "designer-checklist");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var editor = s.Page.Locator("elsa-workflow-definition-editor");
        var nodes = s.Page.Locator(StudioCanvasTests.NodeSelector);

        // The factory's thin parent: selected, the path node shows 现场核查表 with the factory's items.
        await s.Page.GotoAsync("/studio/definitions/" + DefinitionId);
        await Expect(nodes).ToHaveCountAsync(Repo.Workflows().Single(w => w.DefinitionId == DefinitionId).RootActivityCount, new() { Timeout = BrowserSession.Timeout });
        var checklistField = editor.Locator("xpath=//*[normalize-space(text())='现场核查表']/ancestor::*[.//textarea][1]//textarea").First;
        await SelectUntilVisibleAsync(s, StudioNodes.ByLabel(nodes, "绿色工厂：申报审核路径"), checklistField);
        await Expect(checklistField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("GL-01"), new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("parent-checklist-input");

        // The shared path: its 现场核查 task shows 核查表 bound to that input.
        await s.Page.GotoAsync("/studio/definitions/" + ReviewPathId);
        await Expect(nodes).ToHaveCountAsync(Repo.Workflows().Single(w => w.DefinitionId == ReviewPathId).RootActivityCount, new() { Timeout = BrowserSession.Timeout });
        var label = editor.Locator("label", new() { HasText = "核查表" }).First;
        await SelectUntilVisibleAsync(s, StudioNodes.ByLabel(nodes, "现场核查"), label);
        await Expect(editor.Locator(".monaco-editor", new() { HasText = "onSiteChecklist" }).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await label.ScrollIntoViewIfNeededAsync();
        await s.StepAsync("verify-checklist-input");
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>Clicks <paramref name="node"/> until <paramref name="shown"/> appears: a click while the canvas still settles may select nothing.</summary>
    private static Task SelectUntilVisibleAsync(BrowserSession s, ILocator node, ILocator shown) =>
        Retry.ActUntilAsync(() => node.ClickAsync(new() { Force = true }), () => Expect(shown).ToBeVisibleAsync(new() { Timeout = 10_000 }),
            attempts: 5, onRetry: attempt => s.StepAsync($"select-retry-{attempt}"));

    [Fact]
    public async Task InstanceList_ShowsTheV1NominationRow_NamedAfterItsEnterprise_AfterV2IsPublished()
    {
        await using var district = await BrowserSession.StartAsync(browser, app, "instances-v1-shexian");
        await district.SignInAsync("shexian");
        var (nominationId, applicant) = await SubmitNominationAsync(district);

        await using var s = await BrowserSession.StartAsync(browser, app, "instances-v1");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var instance = await InstanceOfAsync(s, nominationId);
        Assert.Equal(1, instance["version"]!.GetValue<int>());
        var name = (string?)instance["name"];
        Assert.StartsWith(applicant + " · ", name);
        Assert.EndsWith("绿色工厂申报", name);

        // Publish v2 (the same flowchart saved again): new nominations take it, this one stays on v1.
        var latest = await JsonAsync(await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Latest"));
        var publish = await s.Context.APIRequest.PostAsync("/elsa/api/workflow-definitions", new()
        {
            DataString = new JsonObject { ["model"] = latest, ["publish"] = true }.ToJsonString(),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(publish.Ok, $"publish answered {publish.Status}: {await publish.TextAsync()}");
        Assert.Equal(2, (await JsonAsync(publish))["workflowDefinition"]!["version"]!.GetValue<int>());

        await s.Page.GotoAsync("/studio/instances");
        var list = s.Page.Locator("elsa-workflow-instance-list");
        var row = list.Locator("tbody tr", new() { HasText = (string)instance["id"]! });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Expect(row).ToContainTextAsync(name!);
        await s.StepAsync("list");
        await s.AtWidthsAsync("list");
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task StudioTimes_AreChinaTimeAndSaySo_InABrowserOnUtc_AndTheBarLeadsBackToTheApp()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "studio-china-time", timezoneId: "UTC");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var run = await s.Context.APIRequest.PostAsync("/elsa/api/workflow-definitions/annual-declaration-round/execute", new() { DataObject = new { } });
        var instanceId = run.Headers["x-elsa-workflow-instance-id"];
        var createdAt = DateTimeOffset.Parse((string)(await JsonAsync(await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-instances/{instanceId}")))["createdAt"]!,
            System.Globalization.CultureInfo.InvariantCulture);

        await s.Page.GotoAsync("/studio/instances");
        var bar = s.Page.Locator("nav.gtw");
        await Expect(bar).ToContainTextAsync("时间：北京时间（UTC+8）");
        var row = s.Page.Locator("elsa-workflow-instance-list tbody tr", new() { HasText = instanceId });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        static string Spaces(string t) => t.Replace('\u202F', ' ').Replace('\u00A0', ' ');
        var text = Spaces(await row.InnerTextAsync());
        // Studio writes times with the "G" pattern of its culture; whichever it is, the wall clock must be China's, not the browser's UTC.
        string[] Shown(DateTimeOffset at) => new[] { "en-US", "zh-CN", "" }.Select(c => Spaces(at.ToString("G", new System.Globalization.CultureInfo(c)))).ToArray();
        var china = Shown(createdAt.ToOffset(TimeSpan.FromHours(8)));
        Assert.True(china.Any(text.Contains), $"row shows no China time ({string.Join(" | ", china)}): {text}");
        Assert.DoesNotContain(Shown(createdAt.ToUniversalTime()), text.Contains);
        await s.StepAsync("china-time");
        await s.AtWidthsAsync("china-time");

        await bar.GetByRole(AriaRole.Link, new() { Name = "返回业务系统" }).ClickAsync();
        await s.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>A rectangle on the page in CSS pixels.</summary>
    private sealed class Rect
    {
        public float X { get; set; }
        public float Y { get; set; }
        public float Width { get; set; }
        public float Height { get; set; }
    }


    /// <summary>Clicks the toolbox's "Zoom to fit" (the icon button whose tooltip says so) and lets the graph settle.</summary>
    private static async Task ZoomToFitAsync(BrowserSession s, ILocator editor)
    {
        var tooltip = s.Page.GetByText("Zoom to fit the screen", new() { Exact = true });
        var candidates = editor.Locator(".mud-tooltip-root:has(> button.mud-icon-button)");
        for (var i = 0; i < await candidates.CountAsync(); i++)
        {
            var button = candidates.Nth(i).Locator("> button");
            if (!await button.IsVisibleAsync()) continue;
            await button.HoverAsync();
            try
            {
                await Expect(tooltip).ToBeVisibleAsync(new() { Timeout = 2_000 });
            }
            catch (PlaywrightException)
            {
                continue;
            }
            await button.ClickAsync();
            await s.Page.Mouse.MoveAsync(1, 1);
            await Task.Delay(1_000); // the graph's transform is applied by X6 after the click's round trip
            return;
        }
        Assert.Fail("no toolbox button with the tooltip 'Zoom to fit the screen'");
    }

    /// <summary>A green-factory nomination of the district's first pool member, with its evaluation report, submitted.</summary>
    private static async Task<(string Id, string Applicant)> SubmitNominationAsync(BrowserSession district)
    {
        var member = (await OfficialsApi.ItemsAsync(district, $"/api/pools?year={OfficialsApi.Year}&pageSize=100"))
            .First(m => m.GetProperty("targetType").GetString() == "GreenFactory" && m.GetProperty("isActive").GetBoolean());
        var created = await OfficialsApi.CreateAsync(district, "/api/nominations", new
        {
            type = "GreenFactory", targetTier = "Province", year = OfficialsApi.Year, enterpriseId = member.GetProperty("enterpriseId").GetString(),
            evaluationMode = "SelfEvaluation", standardVersion = "GB/T 36132-2025",
            negativeList = Enumerable.Range(1, 6).Select(i => new { item = i, clear = true, evidence = "信用中国查询无记录" }),
        });
        var id = created.GetProperty("id").GetString()!;
        await OfficialsApi.SubmitAsync(district, "shexian", id);
        return (id, created.GetProperty("applicantName").GetString()!);
    }

    private static async Task<JsonObject> InstanceOfAsync(BrowserSession s, string nominationId)
    {
        var list = await s.Context.APIRequest.PostAsync("/elsa/api/workflow-instances", new() { DataObject = new { correlationId = nominationId, pageSize = 10 } });
        var item = (await JsonAsync(list))["items"]!.AsArray().Single()!;
        return await JsonAsync(await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-instances/{(string)item["id"]!}"));
    }

    private static async Task<JsonObject> JsonAsync(IAPIResponse response)
    {
        var body = await response.TextAsync();
        Assert.True(response.Ok, $"{response.Url}: {response.Status} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
