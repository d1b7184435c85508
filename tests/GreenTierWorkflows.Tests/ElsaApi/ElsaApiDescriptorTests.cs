using System.Text.Json.Nodes;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;

namespace GreenTierWorkflows.Tests.ElsaApi;

[Collection(ElsaApiCollection.Name)]
public sealed class ElsaApiDescriptorTests(ElsaApiFixture fx)
{
    private static readonly string[] DescriptorKeys =
    [
        "typeName", "namespace", "name", "version", "category", "displayName", "description", "kind", "runAsynchronously", "isContainer",
        "isBrowsable", "isStart", "isTerminal", "ports", "inputs", "outputs", "customProperties", "constructionProperties",
    ];

    private static readonly string[] InputKeys =
    [
        "name", "typeName", "displayName", "description", "order", "isBrowsable", "isSerializable", "isSynthetic", "isWrapped", "uiHint",
        "category", "defaultValue", "defaultSyntax", "isReadOnly", "isSensitive", "storageDriverType", "autoEvaluate", "uiSpecifications",
    ];

    [Fact]
    public async Task Activities_ReturnElsaDescriptors_WhenEditorOpens()
    {
        var body = await fx.Admin.GetObjectAsync($"{Api}/descriptors/activities?Refresh=True");
        Assert.Equal(["items", "count"], body.Keys());
        var items = body["items"]!.AsArray();
        Assert.Equal(items.Count, body["count"]!.GetValue<int>());
        // A workflow used as an activity has one descriptor per version (as Elsa lists them): another test may have published
        // a second version of the shared review path, so the latest of each type name is kept.
        var byType = items.GroupBy(i => i.Str("typeName")!).ToDictionary(g => g.Key, g => g.MaxBy(i => i!["version"]!.GetValue<int>()));
        foreach (var item in items) Assert.Equal(DescriptorKeys, item.Keys());
        Assert.Contains("Elsa.Flowchart", byType.Keys);
        Assert.Contains("Elsa.NotFoundActivity", byType.Keys);

        var writeLine = byType["Elsa.WriteLine"]!;
        Assert.Equal("Elsa", writeLine.Str("namespace"));
        Assert.Equal("WriteLine", writeLine.Str("name"));
        Assert.Equal(1, writeLine["version"]!.GetValue<int>());
        Assert.Contains(writeLine.Str("kind"), new[] { "Action", "Trigger", "Job", "Task" });
        var text = writeLine["inputs"]!.AsArray().Single(i => i.Str("name") == "Text")!;
        Assert.Equal(InputKeys, text.Keys());
        Assert.True(text["isBrowsable"]!.GetValue<bool>());
        Assert.False(text["isSynthetic"]!.GetValue<bool>());
        Assert.Equal(System.Text.Json.JsonValueKind.True, JsonValueKind(text["isBrowsable"]));
        foreach (var port in items.SelectMany(i => i!["ports"]!.AsArray()))
            Assert.Equal(["name", "displayName", "type", "isBrowsable"], port.Keys());
    }

    [Fact]
    public async Task Activities_IncludeTheNominationActivities_InTheGreenManufacturingCategory()
    {
        var items = (await fx.Designer.GetObjectAsync($"{Api}/descriptors/activities?Refresh=True"))["items"]!.AsArray();
        var green = items.Where(i => i.Str("category") == "绿色制造").ToDictionary(i => i.Str("typeName")!);

        Assert.Equal(["GreenTier.ChangeListing", "GreenTier.PublicNotice", "GreenTier.ReviewTask", "GreenTier.SendNotice", "GreenTier.SetNominationStatus"],
            green.Keys.Order(StringComparer.Ordinal));
        var review = green["GreenTier.ReviewTask"]!;
        Assert.Equal("人工审核任务", review.Str("displayName"));
        Assert.Equal(["通过", "退回修改", "不通过", "重新提交"], review["ports"]!.AsArray().Select(p => p.Str("name")));
        // Outcomes are Elsa's dynamic outcomes: Studio draws one port per listed outcome, and a dropped task starts with the defaults.
        var outcomes = review["inputs"]!.AsArray().Single(i => i.Str("name") == "Outcomes")!;
        Assert.Equal(("dynamic-outcomes", "String[]", "Object"), (outcomes.Str("uiHint"), outcomes.Str("typeName"), outcomes.Str("defaultSyntax")));
        Assert.Equal("[\"通过\",\"退回修改\",\"不通过\"]", review["constructionProperties"]!["outcomes"]!["expression"].Str("value"));
        var role = review["inputs"]!.AsArray().Single(i => i.Str("name") == "AssigneeRole")!;
        Assert.Equal("dropdown", role.Str("uiHint"));
        // Studio shows the role's Chinese name; the workflow JSON keeps the code.
        var roles = role["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray();
        Assert.Contains(roles, i => i.Str("text") == "现场核查组" && i.Str("value") == "Verifier");
        Assert.DoesNotContain(roles, i => i.Str("text") == i.Str("value"));
        var status = green["GreenTier.SetNominationStatus"]!["inputs"]!.AsArray().Single(i => i.Str("name") == "Status")!;
        Assert.Contains(status["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray(),
            i => i.Str("value") == "Listed" && i.Str("text") != "Listed");
    }

    [Fact]
    public async Task ReviewTask_OffersItsChecklistToStudiosJsonEditor_AndTheFactoryParentSetsOneForTheSharedPathsOnSiteStep()
    {
        var items = (await fx.Designer.GetObjectAsync($"{Api}/descriptors/activities?Refresh=True"))["items"]!.AsArray();
        var review = items.Single(i => i.Str("typeName") == "GreenTier.ReviewTask")!;
        var checklist = review["inputs"]!.AsArray().SingleOrDefault(i => i.Str("name") == "Checklist");
        Assert.True(checklist is not null, "GreenTier.ReviewTask describes no Checklist input");
        // Studio's json-editor writes a Literal holding the JSON text; the input must be browsable to be shown at all.
        Assert.Equal(("json-editor", "Object", "Literal", "核查表", true),
            (checklist.Str("uiHint"), checklist.Str("typeName"), checklist.Str("defaultSyntax"), checklist.Str("displayName"), checklist["isBrowsable"]!.GetValue<bool>()));

        // The shared review path's 现场核查 reads its input 现场核查表; each type's thin parent sets its own items there.
        var path = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/nomination-review-path?versionOptions=Latest");
        var verify = path["root"]!["activities"]!.AsArray().Single(a => a.Str("type") == "GreenTier.ReviewTask" && a!["stage"]!["expression"].Str("value") == "现场核查")!;
        Assert.Equal(("JavaScript", "getInput('onSiteChecklist')"), (verify["checklist"]!["expression"].Str("type"), verify["checklist"]!["expression"].Str("value")));
        Assert.Contains(path["inputs"]!.AsArray(), i => i.Str("name") == "onSiteChecklist" && i.Str("displayName") == "现场核查表");
        var factory = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/green-factory-nomination?versionOptions=Latest");
        var pathNode = factory["root"]!["activities"]!.AsArray().Single(a => a.Str("workflowDefinitionId") == "nomination-review-path")!;
        var text = pathNode["onSiteChecklist"]!["expression"].Str("value")!;
        var defined = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(OnSiteChecklist.FactoryCodes, defined.Select(i => i.Str("code")));
        Assert.Contains(defined, i => i.Str("text")!.StartsWith("管理体系", StringComparison.Ordinal) && i!["required"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Activities_DescribeAPublishedWorkflowUsableAsActivity_AndAParentThatUsesItRuns()
    {
        var n = ElsaApiTestData.NewId();
        var child = JsonNode.Parse(Sample("composition-add-text-sub.json"))!.AsObject();
        child["definitionId"] = $"review-path-{n}";
        child["id"] = $"review-path-{n}-v1";
        child["name"] = $"review path {n}";
        child["description"] = "市级评审、退回修改、现场核查、推荐";
        child["outcomes"] = new JsonArray("通过", "不通过");
        child["options"]!["activityCategory"] = "评审路径";
        var import = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/import", child.ToJsonString());
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        var items = (await fx.Designer.GetObjectAsync($"{Api}/descriptors/activities?Refresh=True"))["items"]!.AsArray();

        var typeName = $"ReviewPath{char.ToUpperInvariant(n[0])}{n[1..]}";
        var described = Assert.Single(items, i => i.Str("typeName") == typeName)!;
        Assert.Equal(DescriptorKeys, described.Keys());
        Assert.Equal("评审路径", described.Str("category"));
        Assert.Equal($"review path {n}", described.Str("displayName"));
        Assert.Equal("市级评审、退回修改、现场核查、推荐", described.Str("description"));
        Assert.True(described["isBrowsable"]!.GetValue<bool>());
        Assert.Equal(1, described["version"]!.GetValue<int>());
        Assert.Equal(["A"], described["inputs"]!.AsArray().Select(i => i.Str("name")));
        Assert.Equal("String", described["inputs"]![0]!.Str("typeName"));
        Assert.Equal(["B"], described["outputs"]!.AsArray().Select(o => o.Str("name")));
        Assert.Equal(["通过", "不通过"], described["ports"]!.AsArray().Where(p => p.Str("type") == "Flow").Select(p => p.Str("name")));
        Assert.Equal($"review-path-{n}", described["constructionProperties"]!.Str("WorkflowDefinitionId"));
        Assert.Equal($"review-path-{n}-v1", described["constructionProperties"]!.Str("WorkflowDefinitionVersionId"));
        Assert.DoesNotContain(items, i => i.Str("typeName") == typeName && i.Str("category") == "未注册");

        var parent = JsonNode.Parse(Sample("composition-passing-data.json"))!.AsObject();
        parent["definitionId"] = $"uses-review-path-{n}";
        parent["id"] = $"uses-review-path-{n}-v1";
        var node = parent["root"]!["activities"]![0]!.AsObject();
        node["type"] = typeName;
        node["workflowDefinitionId"] = $"review-path-{n}";
        node["workflowDefinitionVersionId"] = $"review-path-{n}-v1";
        var parentImport = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/import", parent.ToJsonString());
        Assert.True(parentImport.IsSuccessStatusCode, await parentImport.Content.ReadAsStringAsync());
        var run = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/uses-review-path-{n}/execute", "{}");
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        Assert.Equal("Finished", (await run.ReadJsonAsync())["workflowState"]!.Str("subStatus"));
    }

    private static System.Text.Json.JsonValueKind JsonValueKind(JsonNode? node) => node!.GetValueKind();

    [Fact]
    public async Task ExpressionDescriptors_AreNonEmptyWithMonacoLanguage_WhenRequested()
    {
        var body = await fx.Designer.GetObjectAsync($"{Api}/descriptors/expression-descriptors");
        var items = body["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.Equal(items.Count, body["count"]!.GetValue<int>());
        foreach (var item in items) Assert.Equal(["type", "displayName", "isSerializable", "isBrowsable", "properties"], item.Keys());
        var js = items.Single(i => i.Str("type") == "JavaScript")!;
        Assert.Equal("javascript", js["properties"]!.Str("MonacoLanguage"));
        Assert.False(items.Single(i => i.Str("type") == "Literal")!["isBrowsable"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("descriptors/workflow-activation-strategies")]
    [InlineData("descriptors/log-persistence-strategies")]
    [InlineData("descriptors/incident-strategies")]
    [InlineData("descriptors/commit-strategies/workflows")]
    [InlineData("descriptors/commit-strategies/activities")]
    [InlineData("descriptors/storage-drivers")]
    [InlineData("descriptors/variables")]
    [InlineData("descriptors/output-converters?sourceType=String&destinationType=Object")]
    [InlineData("features/installed")]
    public async Task Lookups_ReturnItemsAndCount_WhenEditorOpens(string path)
    {
        var body = await fx.Admin.GetObjectAsync($"{Api}/{path}");
        Assert.Equal(["items", "count"], body.Keys());
        Assert.Equal(body["items"]!.AsArray().Count, body["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Lookups_HaveElsaItemShapes_WhenNotEmpty()
    {
        var variables = (await fx.Admin.GetObjectAsync($"{Api}/descriptors/variables"))["items"]!.AsArray();
        Assert.Equal(["typeName", "displayName", "category", "description"], variables[0].Keys());
        Assert.Contains(variables, v => v.Str("typeName") == "String");
        Assert.Contains(variables, v => v.Str("typeName") == "JSON");
        var drivers = (await fx.Admin.GetObjectAsync($"{Api}/descriptors/storage-drivers"))["items"]!.AsArray();
        Assert.Equal(["typeName", "displayName", "priority", "deprecated"], drivers[0].Keys());
        Assert.Empty((await fx.Admin.GetObjectAsync($"{Api}/features/installed"))["items"]!.AsArray());
    }

    [Fact]
    public async Task ActivityOptions_ReturnEmptyItemsObject_WhenRefreshed()
    {
        var response = await fx.Designer.PostJsonAsync($"{Api}/descriptors/activities/Elsa.WriteLine/options/Text", """{"context":{}}""");
        Assert.True(response.IsSuccessStatusCode);
        Assert.IsType<JsonObject>((await response.ReadJsonAsync())["items"]);
    }
}
