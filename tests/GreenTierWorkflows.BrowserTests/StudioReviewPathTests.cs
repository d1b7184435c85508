using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests;

/// <summary>
/// Issue 16, "use it": the three nomination types share one review path. A designer opens 「申报审核路径」 in the genuine
/// Studio, changes the 市级评审 due days once and publishes; new nominations of all three types get the new due date,
/// while a nomination started before keeps the old one. A thin parent draws the path as one node.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioReviewPathTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string ReviewPathId = "nomination-review-path";
    private const string DueDaysLabel = "办理期限（天）";
    private const int OldDueDays = 10;
    private const int NewDueDays = 12;

    [Fact]
    public async Task DueDaysChangedOnceInTheSharedPath_IsTakenByNewNominationsOfAllThreeTypes_WhileAnEarlierOneKeepsItsDueDate()
    {
        await using var district = await BrowserSession.StartAsync(browser, app, "review-path-shexian");
        await district.SignInAsync("shexian");
        var earlier = await SubmitAsync(district, "GreenFactory");

        await using var s = await BrowserSession.StartAsync(browser, app, "review-path");
        await s.Page.GotoAsync("/studio/");
        await s.SignInAsync("designer");
        var pathBefore = await DefinitionAsync(s, ReviewPathId);

        // The thin parent: one node, the shared path, drawn with its name.
        await s.Page.GotoAsync("/studio/definitions/green-park-nomination");
        var editor = s.Page.Locator("elsa-workflow-definition-editor");
        var nodes = s.Page.Locator(StudioCanvasTests.NodeSelector);
        await Expect(nodes).ToHaveCountAsync(2, new() { Timeout = BrowserSession.Timeout });
        await Expect(editor.Locator(".x6-node", new() { HasText = "申报审核路径" })).ToHaveCountAsync(1, new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("thin-parent");
        await s.AtWidthsAsync("thin-parent");

        // Studio's palette offers the shared path under its category (the canvas node reads 「绿色工业园区：申报审核路径」).
        var category = editor.GetByText("绿色制造申报", new() { Exact = true }).First;
        await Expect(category).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await category.ClickAsync();
        await Expect(editor.GetByText("申报审核路径", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("palette");

        // The path: select 市级评审, change its due days, let auto-save carry it, publish.
        await s.Page.GotoAsync("/studio/definitions/" + ReviewPathId);
        await Expect(nodes).ToHaveCountAsync(Repo.Workflows().Single(w => w.DefinitionId == ReviewPathId).RootActivityCount, new() { Timeout = BrowserSession.Timeout });
        await s.StepAsync("path");
        // The input's field: the nearest element around its label that holds an input.
        var dueDays = editor.Locator($"xpath=//*[normalize-space(text())='{DueDaysLabel}']/ancestor::*[.//input][1]//input").First;
        // A click while the canvas still settles may select nothing: click again until the task's inputs show.
        await Retry.ActUntilAsync(() => StudioNodes.ByLabel(nodes, "市级评审").ClickAsync(new() { Force = true }),
            () => Expect(dueDays).ToBeVisibleAsync(new() { Timeout = 10_000 }), attempts: 5, onRetry: attempt => s.StepAsync($"select-retry-{attempt}"));
        await Expect(dueDays).ToHaveValueAsync(OldDueDays.ToString(), new() { Timeout = BrowserSession.Timeout });
        var saved = await s.Page.RunAndWaitForRequestAsync(
            async () =>
            {
                await dueDays.FillAsync(NewDueDays.ToString());
                await dueDays.PressAsync("Tab");
            },
            r => r.Method == "POST" && r.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal) && SentDueDays(r) == NewDueDays.ToString(),
            new() { Timeout = BrowserSession.Timeout });
        Assert.True((await saved.ResponseAsync())?.Ok, "auto-save failed");
        await s.StepAsync("due-days-changed");

        await StudioToolbar.PublishAsync(s, editor);
        await Expect(s.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await s.StepAsync("published");
        await s.AtWidthsAsync("path");

        // Published once: the path has a new version and every parent points at it.
        var pathAfter = await DefinitionAsync(s, ReviewPathId);
        Assert.True(pathAfter["version"]!.GetValue<int>() > pathBefore["version"]!.GetValue<int>(), "the path was not published as a new version");
        foreach (var parentId in new[] { "green-factory-nomination", "green-park-nomination", "green-supply-chain-nomination" })
        {
            var parent = await DefinitionAsync(s, parentId);
            var node = parent["root"]!["activities"]!.AsArray().Single(a => (string?)a!["workflowDefinitionId"] == ReviewPathId)!;
            Assert.True((string?)node["workflowDefinitionVersionId"] == (string?)pathAfter["id"], $"{parentId} still uses {(string?)node["workflowDefinitionVersionId"]}");
        }

        // New nominations of the three types: 市级评审 due in 12 days; the one started before: 10.
        var fresh = new List<(string Type, string Id)>();
        foreach (var type in new[] { "GreenFactory", "GreenPark", "GreenSupplyChain" })
            fresh.Add((type, await SubmitAsync(district, type)));
        await using var city = await BrowserSession.StartAsync(browser, app, "review-path-city");
        await city.SignInAsync("city");
        Assert.Equal(OldDueDays, await CityReviewDueDaysAsync(city, earlier));
        foreach (var (type, id) in fresh)
            Assert.True(await CityReviewDueDaysAsync(city, id) == NewDueDays, $"a new {type} nomination's 市级评审 is not due in {NewDueDays} days");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>Whole days between the nomination's open 市级评审 task being created and its due date.</summary>
    private static async Task<int> CityReviewDueDaysAsync(BrowserSession city, string nominationId)
    {
        var task = (await OfficialsApi.ItemsAsync(city, "/api/tasks?pageSize=100")).SingleOrDefault(t => t.GetProperty("nominationId").GetString() == nominationId);
        Assert.True(task.ValueKind == JsonValueKind.Object, $"city has no open task on {nominationId}");
        Assert.Equal("市级评审", task.GetProperty("stage").GetString());
        var created = task.GetProperty("createdAt").GetDateTimeOffset();
        var due = task.GetProperty("dueAt").GetDateTimeOffset();
        return (int)Math.Round((due - created).TotalDays);
    }

    /// <summary>A provincial nomination of the given type for a new applicant of 歙县 enrolled in this year's pool, submitted.</summary>
    private static async Task<string> SubmitAsync(BrowserSession district, string type)
    {
        var serial = Random.Shared.Next(10_000, 99_999);
        object applicant;
        if (type == "GreenPark")
        {
            var park = await OfficialsApi.CreateAsync(district, "/api/parks", new { name = $"歙县绿色园区{serial}", districtCode = "341021", level = "省级", parkType = "经济开发区" });
            await OfficialsApi.CreateAsync(district, "/api/pools", new { year = OfficialsApi.Year, parkId = park.GetProperty("id").GetString(), targetType = type });
            applicant = new { parkId = park.GetProperty("id").GetString() };
        }
        else
        {
            var enterprise = await OfficialsApi.CreateAsync(district, "/api/enterprises", new
            {
                creditCode = OfficialsApi.DemoCode("341021", serial), name = $"歙县审核路径测试企业{serial}有限公司", districtCode = "341021",
                industryCode = "C2414", ownership = "民营", address = "安徽省黄山市歙县", contactName = "王经理", contactPhone = "13905590000",
            });
            await OfficialsApi.CreateAsync(district, "/api/pools", new { year = OfficialsApi.Year, enterpriseId = enterprise.GetProperty("id").GetString(), targetType = type });
            applicant = new { enterpriseId = enterprise.GetProperty("id").GetString() };
        }
        var draft = JsonSerializer.SerializeToNode(applicant)!.AsObject();
        draft["type"] = type;
        draft["targetTier"] = "Province";
        draft["year"] = OfficialsApi.Year;
        draft["evaluationMode"] = "SelfEvaluation";
        draft["standardVersion"] = "GB/T 36132-2025";
        draft["negativeList"] = JsonSerializer.SerializeToNode(Enumerable.Range(1, 6).Select(i => new { item = i, clear = true, evidence = "信用中国查询无记录" }));
        var created = await OfficialsApi.CreateAsync(district, "/api/nominations", draft);
        var id = created.GetProperty("id").GetString()!;
        await OfficialsApi.SubmitAsync(district, "shexian", id);
        return id;
    }

    /// <summary>The 市级评审 due days in a save/publish request body ({"model":{…},"publish":…}), or null.</summary>
    private static string? SentDueDays(IRequest request)
    {
        try
        {
            var activity = JsonNode.Parse(request.PostData ?? "")?["model"]?["root"]?["activities"]?.AsArray()
                .SingleOrDefault(a => (string?)a?["name"] == "CityReview");
            return activity?["dueDays"]?["expression"]?["value"]?.ToJsonString().Trim('"');
        }
        catch (JsonException) { return null; }
    }

    private static async Task<JsonObject> DefinitionAsync(BrowserSession s, string definitionId)
    {
        var response = await s.Context.APIRequest.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published");
        var body = await response.TextAsync();
        Assert.True(response.Ok, $"GET published {definitionId}: {response.Status} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
