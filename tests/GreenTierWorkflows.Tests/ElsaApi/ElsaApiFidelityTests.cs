using System.Net;
using System.Text.Json.Nodes;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>
/// Issue 16's REST fidelity items, each found off by Elsa's own REST tests: the GET form of execute, request bodies
/// bound case-insensitively, activity state keyed by input names, and 404 for an execute without a definition id.
/// </summary>
[Collection(ElsaApiCollection.Name)]
public sealed class ElsaApiFidelityTests(ElsaApiFixture fx)
{
    private Task<string> ImportGreetingAsync() => fx.ImportSampleAsync("minimal-greeting.json", "fidelity");

    [Fact]
    public async Task ExecuteByGet_Returns200WithStateAndHeader_TakingItsFieldsFromTheQuery()
    {
        var definitionId = await ImportGreetingAsync();
        var response = await fx.Designer.GetAsync($"{Api}/workflow-definitions/{definitionId}/execute?correlationId=get-corr&versionOptions=Published");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var state = (await response.ReadJsonAsync())["workflowState"]!;
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id")), state.Str("id"));
        Assert.Equal("get-corr", state.Str("correlationId"));
        Assert.Equal("Finished", state.Str("subStatus"));

        var missing = await fx.Designer.GetAsync($"{Api}/workflow-definitions/nope-{ElsaApiTestData.NewId()}/execute");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Official.GetAsync($"{Api}/workflow-definitions/{definitionId}/execute")).StatusCode);
    }

    [Fact]
    public async Task PascalCaseBodies_BindLikeCamelCase_OnExecuteSaveInstancesAndBulkActions()
    {
        var definitionId = await ImportGreetingAsync();
        var run = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/execute", """{"CorrelationId":"pascal-corr","VersionOptions":"Published"}""");
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        Assert.Equal("pascal-corr", (await run.ReadJsonAsync())["workflowState"].Str("correlationId"));

        var list = await (await fx.Admin.PostJsonAsync($"{Api}/workflow-instances",
            $$"""{"Page":0,"PageSize":10,"DefinitionId":"{{definitionId}}","CorrelationId":"pascal-corr","Statuses":["Finished"]}""")).ReadJsonAsync();
        Assert.Equal(1, list["totalCount"]!.GetValue<int>());
        Assert.Equal("pascal-corr", list["items"]![0].Str("correlationId"));

        var model = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        model["Name"] = "帕斯卡命名";
        model.Remove("name");
        var save = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", new JsonObject { ["Model"] = model, ["Publish"] = true }.ToJsonString());
        Assert.True(save.IsSuccessStatusCode, await save.Content.ReadAsStringAsync());
        var saved = (await save.ReadJsonAsync())["workflowDefinition"]!;
        Assert.Equal("帕斯卡命名", saved.Str("name"));
        Assert.True(saved["isPublished"]!.GetValue<bool>());

        var retract = await (await fx.Designer.PostJsonAsync($"{Api}/bulk-actions/retract/workflow-definitions/by-definition-ids",
            $$"""{"DefinitionIds":["{{definitionId}}"]}""")).ReadJsonAsync();
        Assert.Equal([definitionId], retract["retracted"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ActivityState_IsKeyedByTheInputName_InTheJournalAndActivityExecutions()
    {
        var definitionId = await ImportGreetingAsync();
        var run = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/execute", "{}");
        var instanceId = Assert.Single(run.Headers.GetValues("x-elsa-workflow-instance-id"));
        var journal = await fx.Admin.GetObjectAsync($"{Api}/workflow-instances/{instanceId}/journal?skip=0&take=100");
        var completed = journal["items"]!.AsArray().Single(i => i.Str("activityType") == "Elsa.WriteLine" && i.Str("eventName") == "Completed")!;
        var state = completed["activityState"]!.AsObject();
        Assert.True(state.ContainsKey("Text"), state.ToJsonString());
        Assert.False(state.ContainsKey("text"), state.ToJsonString());

        var record = await fx.Admin.GetObjectAsync($"{Api}/activity-executions/by-id?id={completed.Str("activityInstanceId")}&workflowInstanceId={instanceId}");
        Assert.True(record["activityState"]!.AsObject().ContainsKey("Text"), record.ToJsonString());
    }

    [Fact]
    public async Task ExecuteWithoutADefinitionId_Answers404_AsElsaDoes()
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Get })
        {
            var response = await fx.Designer.SendAsync(new HttpRequestMessage(method, $"{Api}/workflow-definitions//execute") { Content = method == HttpMethod.Post ? Json("{}") : null });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method}: {(int)response.StatusCode} allow={response.Content.Headers.Allow} {string.Join(",", response.Content.Headers.Allow)} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task DefinitionList_HonoursIds_InAnyVersion_SoStudioFindsTheVersionAnOlderInstanceRunsOn()
    {
        var definitionId = "ids-" + ElsaApiTestData.NewId();
        var v1 = await SavePublishedAsync(ElsaApiTestData.Model(definitionId, "按版本查找 " + definitionId, "v1"));
        var latest = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        latest["root"]!["activities"]![0]!["text"]!["expression"]!["value"] = "v2";
        var v2 = await SavePublishedAsync(latest);
        Assert.NotEqual(v1, v2);

        // Studio's instance list sends the version ids of its rows, with an empty versionOptions.
        foreach (var query in new[] { $"Ids={v1}&Ids={v2}", $"versionOptions=&Ids={v1}&Ids={v2}" })
        {
            var list = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions?{query}");
            Assert.Equal(new[] { v1, v2 }.Order(), list["items"]!.AsArray().Select(i => i.Str("id")!).Order());
            Assert.Equal(2, list["totalCount"]!.GetValue<int>());
        }
        var onlyOld = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions?Ids={v1}");
        Assert.Equal(1, Assert.Single(onlyOld["items"]!.AsArray())!["version"]!.GetValue<int>());
        var publishedOnly = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions?versionOptions=Published&Ids={v1}&Ids={v2}");
        Assert.Equal(v2, Assert.Single(publishedOnly["items"]!.AsArray()).Str("id"));
    }

    [Fact]
    public async Task Execute_NamesTheInstance_FromTheBodyOrTheQuery()
    {
        var definitionId = await ImportGreetingAsync();
        var posted = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/execute", """{"Name":"黄山某企业 · 2026 年申报"}""");
        Assert.Equal("黄山某企业 · 2026 年申报", (await posted.ReadJsonAsync())["workflowState"].Str("name"));
        var got = await fx.Designer.GetAsync($"{Api}/workflow-definitions/{definitionId}/execute?name={Uri.EscapeDataString("查询名称")}");
        var instanceId = Assert.Single(got.Headers.GetValues("x-elsa-workflow-instance-id"));
        Assert.Equal("查询名称", (await fx.Admin.GetObjectAsync($"{Api}/workflow-instances/{instanceId}")).Str("name"));
    }

    private async Task<string> SavePublishedAsync(JsonObject model)
    {
        var save = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", ElsaApiTestData.SaveBody(model, publish: true));
        Assert.True(save.IsSuccessStatusCode, await save.Content.ReadAsStringAsync());
        return (await save.ReadJsonAsync())["workflowDefinition"].Str("id")!;
    }

    [Fact]
    public async Task LegacyReviewTaskOutcomeText_IsServedAsTheJsonListStudioDrawsPortsFrom()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(GreenTierWorkflows.Runtime.Tests.TestSupport.RepoPaths.Workflows, "nomination-review-path.json")))!.AsObject();
        var definitionId = "legacy-outcomes-" + ElsaApiTestData.NewId();
        file["definitionId"] = definitionId;
        file["id"] = ElsaApiTestData.NewId();
        var tasks = file["root"]!["activities"]!.AsArray().Where(a => a.Str("type") == "GreenTier.ReviewTask").ToList();
        foreach (var task in tasks) // as versions saved before the outcomes became a list
        {
            var list = JsonNode.Parse(task!["outcomes"]!["expression"].Str("value")!)!.AsArray().Select(o => o!.GetValue<string>());
            task["outcomes"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = string.Join(",", list) } };
        }
        var import = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/import", file.ToJsonString());
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        var served = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        var outcomes = served["root"]!["activities"]!.AsArray().Where(a => a.Str("type") == "GreenTier.ReviewTask")
            .Select(a => (a!["outcomes"]!["expression"].Str("type"), a["outcomes"]!["expression"].Str("value"))).ToList();
        Assert.Equal(tasks.Count, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal("Object", o.Item1));
        Assert.Contains(("Object", "[\"通过\",\"不通过\"]"), outcomes);
        Assert.Contains(("Object", "[\"重新提交\"]"), outcomes);
    }
}
