using System.Net;
using System.Text.Json.Nodes;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiTestData;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>Run on SQLite (<see cref="SqliteElsaApiDefinitionTests"/>) and on PostgreSQL (<see cref="PostgreSqlElsaApiDefinitionTests"/>).</summary>
public abstract class ElsaApiDefinitionTests(ElsaApiFixture fx)
{
    private static readonly string[] SummaryKeys =
    [
        "id", "definitionId", "name", "description", "version", "toolVersion", "isLatest", "isPublished", "providerName",
        "materializerName", "isMaterializerAvailable", "createdAt", "isReadonly", "isSystem", "links",
    ];

    private async Task<JsonObject> SaveAsync(JsonObject model, bool? publish = false)
    {
        var response = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", SaveBody(model, publish));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["workflowDefinition", "alreadyPublished", "consumingWorkflowCount", "validationErrors"], body.Keys());
        return body["workflowDefinition"]!.AsObject();
    }

    [Fact]
    public async Task Save_KeepsUnknownActivityAsDraft_WhenStudioRequestSentVerbatim()
    {
        var request = Sample("studio-save-request.json");
        var sent = JsonNode.Parse(request)!["model"]!["root"]!["activities"]!.AsArray();
        var response = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var saved = (await response.ReadJsonAsync())["workflowDefinition"]!;
        Assert.Equal("gtw-studio-expert-review", saved.Str("definitionId"));
        Assert.False(saved["isPublished"]!.GetValue<bool>());
        Assert.True(saved.HasLink("publish"));

        var loaded = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/gtw-studio-expert-review?versionOptions=Latest");
        var activities = loaded["root"]!["activities"]!.AsArray();
        Assert.Equal(sent.Count, activities.Count);
        for (var i = 0; i < sent.Count; i++) Assert.True(JsonNode.DeepEquals(sent[i], activities[i]), $"activity {i} changed: {activities[i]}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(request)!["model"]!["root"]!["connections"], loaded["root"]!["connections"]));
    }

    [Fact]
    public async Task ActivityDescriptors_DescribeEveryStoredType_WhenTheRegistryLacksIt()
    {
        var request = JsonNode.Parse(Sample("studio-save-request.json"))!.AsObject();
        request["model"]!["definitionId"] = NewId();
        await SaveAsync(request["model"]!.AsObject());

        var descriptors = (await fx.Designer.GetObjectAsync($"{Api}/descriptors/activities?Refresh=True"))["items"]!.AsArray();
        var review = descriptors.Single(d => d!.Str("typeName") == "Bureau.ExpertReview" && d!["version"]!.GetValue<int>() == 1)!;
        Assert.Equal("未注册", review.Str("category"));
        Assert.False(review["isBrowsable"]!.GetValue<bool>());
        Assert.Equal(["Approved", "Rejected"], review["ports"]!.AsArray().Select(p => p!.Str("name")));
    }

    [Fact]
    public async Task Publish_Returns400ListingUnknownType_WhenActivityTypeIsNotRegistered()
    {
        var request = JsonNode.Parse(Sample("studio-save-request.json"))!.AsObject();
        var id = NewId();
        request["model"]!["definitionId"] = id;
        await SaveAsync(request["model"]!.AsObject());
        var before = await fx.SnapshotAsync();

        request["publish"] = true;
        var response = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", request.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync())["errors"]!["model"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("Bureau.ExpertReview"));

        var publish = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{id}/publish", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Contains("Bureau.ExpertReview", await publish.Content.ReadAsStringAsync());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Save_Returns400_WhenRootIsNeitherFlowchartNorSequence()
    {
        var before = await fx.SnapshotAsync();
        var response = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", SaveBody(Model(null, "State machine root", rootType: "Elsa.StateMachine"), false));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadJsonAsync())["errors"]!["model"]!.AsArray());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Save_FollowsElsaVersionRules_WhenSavingPublishingRetractingAndReverting()
    {
        // New: server assigns definitionId and id.
        var created = await SaveAsync(Model(null, "  Version rules  "));
        var definitionId = created.Str("definitionId")!;
        Assert.False(string.IsNullOrEmpty(created.Str("id")));
        Assert.Equal("Version rules", created.Str("name"));
        Assert.Equal(1, created["version"]!.GetValue<int>());

        // Draft overwritten in place.
        var model = Model(definitionId, "Version rules", "second");
        var overwritten = await SaveAsync(model);
        Assert.Equal(created.Str("id"), overwritten.Str("id"));
        Assert.Equal(1, overwritten["version"]!.GetValue<int>());

        // Publish flips flags on the same version.
        var published = await SaveAsync(model, publish: true);
        Assert.Equal(created.Str("id"), published.Str("id"));
        Assert.True(published["isPublished"]!.GetValue<bool>());
        Assert.True(published["isLatest"]!.GetValue<bool>());
        Assert.True(published.HasLink("publish"));

        // Save after publish opens draft v2; v1 stays published.
        var draft = await SaveAsync(Model(definitionId, "Version rules", "third"));
        Assert.Equal(2, draft["version"]!.GetValue<int>());
        Assert.NotEqual(created.Str("id"), draft.Str("id"));
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        var v1 = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published");
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        Assert.False(v1["isLatest"]!.GetValue<bool>());
        var byId = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-id/{created.Str("id")}");
        Assert.Equal(1, byId["version"]!.GetValue<int>());

        // Publish endpoint publishes v2 and unpublishes v1; again → alreadyPublished.
        var publishResponse = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/publish", "{}");
        var publishBody = await publishResponse.ReadJsonAsync();
        Assert.Equal(2, publishBody["workflowDefinition"]!["version"]!.GetValue<int>());
        Assert.False(publishBody["alreadyPublished"]!.GetValue<bool>());
        var again = await (await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/publish", "{}")).ReadJsonAsync();
        Assert.True(again["alreadyPublished"]!.GetValue<bool>());
        var versions = await Versions(definitionId);
        Assert.Equal([(2, true, true), (1, false, false)], versions);

        // Retract, then retract again → 400.
        var retract = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/retract", "{}");
        Assert.Equal(HttpStatusCode.OK, retract.StatusCode);
        var retracted = await retract.ReadJsonAsync();
        Assert.False(retracted["isPublished"]!.GetValue<bool>());
        Assert.True(retracted.HasLink("publish"));
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/retract", "{}")).StatusCode);

        // Revert to v1 → new latest v3.
        var revert = await fx.Designer.PostAsync($"{Api}/workflow-definitions/{definitionId}/revert/1", null);
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        Assert.Equal(3, (await revert.ReadJsonAsync())["version"]!.GetValue<int>());
        var latest = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}");
        Assert.Equal("second", latest["root"]!["activities"]![0]!["text"]!["expression"]!.Str("value"));
        Assert.Equal([(3, true, false), (2, false, false), (1, false, false)], await Versions(definitionId));

        // Deleting the latest version makes v2 latest.
        var deleteVersion = await fx.Designer.DeleteAsync($"{Api}/workflow-definition-versions/{latest.Str("id")}");
        Assert.Equal(HttpStatusCode.NoContent, deleteVersion.StatusCode);
        Assert.Equal([(2, true, false), (1, false, false)], await Versions(definitionId));

        // Delete all versions: 204, then 404.
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Designer.DeleteAsync($"{Api}/workflow-definitions/{definitionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Designer.GetAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Designer.DeleteAsync($"{Api}/workflow-definitions/{definitionId}")).StatusCode);
    }

    private async Task<List<(int, bool, bool)>> Versions(string definitionId)
    {
        var list = await fx.Designer.GetObjectAsync(
            $"{Api}/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Descending");
        return list["items"]!.AsArray().Select(i => (i!["version"]!.GetValue<int>(), i["isLatest"]!.GetValue<bool>(), i["isPublished"]!.GetValue<bool>())).ToList();
    }

    [Fact]
    public async Task List_ReturnsSummariesWithLinksByRole_WhenStudioQueries()
    {
        var id = (await SaveAsync(Model(null, "List shape " + NewId()))).Str("definitionId");
        const string query = "versionOptions=Latest&Page=0&PageSize=100&SearchTerm=&IsSystem=False&OrderDirection=Ascending";
        var designerList = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions?{query}");
        Assert.Equal(["items", "totalCount", "links"], designerList.Keys());
        Assert.True(designerList.HasLink("bulk-publish"));
        var item = designerList["items"]!.AsArray().Single(i => i.Str("definitionId") == id)!;
        Assert.Equal(SummaryKeys, item.Keys());
        Assert.True(item.HasLink("publish"));

        var adminList = await fx.Admin.GetObjectAsync($"{Api}/workflow-definitions?{query}");
        Assert.True(adminList.HasLink("bulk-publish"));
        var adminItem = adminList["items"]!.AsArray().Single(i => i.Str("definitionId") == id)!;
        Assert.True(adminItem.HasLink("publish"));
        Assert.True(adminItem.HasLink("self"));
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Official.GetAsync($"{Api}/workflow-definitions?{query}")).StatusCode);

        var view = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{id}?versionOptions=");
        Assert.True(view.HasLink("publish"));
        foreach (var key in new[] { "id", "definitionId", "name", "description", "createdAt", "version", "toolVersion", "variables", "inputs",
                     "outputs", "outcomes", "customProperties", "isReadonly", "isSystem", "isLatest", "isPublished", "options", "root", "links" })
            Assert.True(view.ContainsKey(key), key);

        var paged = await fx.Designer.GetObjectAsync($"{Api}/workflow-definitions?versionOptions=Latest&Page=0&PageSize=1");
        Assert.Single(paged["items"]!.AsArray());
        Assert.True(paged["totalCount"]!.GetValue<long>() >= 2);
    }

    [Fact]
    public async Task Export_ReturnsSchemaFileThatImports_WhenDownloaded()
    {
        var id = (await SaveAsync(Model(null, "Export me"))).Str("definitionId")!;
        var response = await fx.Designer.GetAsync($"{Api}/workflow-definitions/{id}/export?versionOptions=1&includeConsumingWorkflows=False");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"workflow-definition-{id}-v1.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var export = (await response.ReadJsonAsync()).AsObject();
        Assert.StartsWith("https://elsaworkflows.io/schemas/workflow-definition", export.Str("$schema"));
        Assert.False(export.ContainsKey("links"));

        var newId = NewId();
        export["definitionId"] = newId;
        export["id"] = NewId();
        export["name"] = "Imported copy";
        var import = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/import", export.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var imported = await import.ReadJsonAsync();
        Assert.Equal(newId, imported.Str("definitionId"));
        Assert.True(imported.HasLink("publish"));
    }

    [Fact]
    public async Task Import_ConvertsFlatConnectionsToNested_WhenLegacyFileImported()
    {
        var file = JsonNode.Parse(Sample("legacy-braided-joins.json"))!.AsObject();
        var response = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/import", file.ToJsonString());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var definitionId = (await response.ReadJsonAsync()).Str("definitionId");
        var loaded = await fx.Admin.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/{definitionId}");
        var connections = loaded["root"]!["connections"]!.AsArray();
        Assert.NotEmpty(connections);
        foreach (var c in connections)
        {
            Assert.IsType<JsonObject>(c!["source"]);
            Assert.False(string.IsNullOrEmpty(c["source"].Str("activity")));
            Assert.False(string.IsNullOrEmpty(c["source"].Str("port")));
            Assert.Equal("In", c["target"].Str("port"));
        }
    }

    [Fact]
    public async Task IsNameUnique_ReportsTakenNames_WhenOtherDefinitionHasName()
    {
        var name = "Unique " + NewId();
        var id = (await SaveAsync(Model(null, name))).Str("definitionId");
        var taken = await fx.Admin.GetObjectAsync($"{Api}/workflow-definitions/validation/is-name-unique?name={Uri.EscapeDataString(name)}");
        Assert.False(taken["isUnique"]!.GetValue<bool>());
        var own = await fx.Admin.GetObjectAsync($"{Api}/workflow-definitions/validation/is-name-unique?name={Uri.EscapeDataString(name)}&definitionId={id}");
        Assert.True(own["isUnique"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TypeDefinitions_DeclareVariableAccessors_WhenJavaScriptEditorOpens()
    {
        var id = (await SaveAsync(Model(null, "Scripted"))).Str("definitionId");
        var response = await fx.Designer.PostJsonAsync($"{Api}/scripting/javascript/type-definitions/{id}",
            $$"""{"workflowDefinitionId":"{{id}}","activityTypeName":"Elsa.WriteLine","propertyName":"Text"}""");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("declare function getDecision(): string;", text);
        Assert.Contains("declare function getVariable(name: string): any;", text);
    }

    [Fact]
    public async Task BulkActions_PublishRetractDelete_WhenDefinitionIdsGiven()
    {
        var a = (await SaveAsync(Model(null, "Bulk A"))).Str("definitionId")!;
        var b = (await SaveAsync(Model(null, "Bulk B"))).Str("definitionId")!;
        var ids = new JsonObject { ["definitionIds"] = new JsonArray(a, b, "missing-" + NewId()) }.ToJsonString();
        var publish = await (await fx.Designer.PostJsonAsync($"{Api}/bulk-actions/publish/workflow-definitions/by-definition-ids", ids)).ReadJsonAsync();
        Assert.Equal(2, publish["published"]!.AsArray().Count);
        Assert.Single(publish["notFound"]!.AsArray());
        var retract = await (await fx.Designer.PostJsonAsync($"{Api}/bulk-actions/retract/workflow-definitions/by-definition-ids", ids)).ReadJsonAsync();
        Assert.Equal(2, retract["retracted"]!.AsArray().Count);
        var delete = await (await fx.Designer.PostJsonAsync($"{Api}/bulk-actions/delete/workflow-definitions/by-definition-id", ids)).ReadJsonAsync();
        Assert.Equal(2, delete["deleted"]!.GetValue<int>());
    }
}

[Collection(ElsaApiCollection.Name)]
public sealed class SqliteElsaApiDefinitionTests(ElsaApiFixture fx) : ElsaApiDefinitionTests(fx);

[Collection(PostgreSqlElsaApiCollection.Name)]
public sealed class PostgreSqlElsaApiDefinitionTests(PostgreSqlElsaApiFixture fx) : ElsaApiDefinitionTests(fx);
