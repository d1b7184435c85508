using System.Net;
using System.Text.Json.Nodes;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>Run on SQLite (<see cref="SqliteElsaApiInstanceTests"/>) and on PostgreSQL (<see cref="PostgreSqlElsaApiInstanceTests"/>).</summary>
public abstract class ElsaApiInstanceTests(ElsaApiFixture fx)
{
    private static readonly string[] InstanceKeys =
    [
        "id", "definitionId", "definitionVersionId", "version", "status", "subStatus", "correlationId", "name", "incidentCount",
        "createdAt", "updatedAt", "finishedAt",
    ];

    private async Task<(string DefinitionId, string InstanceId, JsonNode Body)> ImportAndExecuteHelloWorldAsync()
    {
        var definitionId = await fx.ImportSampleAsync("minimal-greeting.json", "hello");

        var response = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/execute", "{}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var instanceId = Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
        return (definitionId, instanceId, await response.ReadJsonAsync());
    }

    [Fact]
    public async Task Execute_Returns200WithHeaderAndFinishedState_WhenHelloWorldImported()
    {
        var (definitionId, instanceId, body) = await ImportAndExecuteHelloWorldAsync();
        var state = body["workflowState"]!;
        Assert.Equal(instanceId, state.Str("id"));
        Assert.Equal(definitionId, state.Str("definitionId"));
        Assert.Equal(1, state["definitionVersion"]!.GetValue<int>());
        Assert.Equal("Finished", state.Str("status"));
        Assert.Equal("Finished", state.Str("subStatus"));
    }

    [Fact]
    public async Task Execute_Returns404_WhenDefinitionUnknown()
    {
        var response = await fx.Designer.PostAsync($"{Api}/workflow-definitions/nope-{ElsaApiTestData.NewId()}/execute", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Instances_ListGetJournalAndState_WhenInstanceFinished()
    {
        var (definitionId, instanceId, _) = await ImportAndExecuteHelloWorldAsync();

        var list = await (await fx.Admin.PostJsonAsync($"{Api}/workflow-instances",
            $$"""{"page":0,"pageSize":10,"definitionId":"{{definitionId}}","statuses":["Finished"],"orderDirection":"Descending"}""")).ReadJsonAsync();
        Assert.Equal(["items", "totalCount"], list.Keys());
        var summary = Assert.Single(list["items"]!.AsArray());
        Assert.Equal(InstanceKeys, summary.Keys());
        Assert.Equal("Finished", summary.Str("status"));

        var instance = await fx.Admin.GetObjectAsync($"{Api}/workflow-instances/{instanceId}");
        Assert.Equal([.. InstanceKeys, "workflowState"], instance.Keys());
        Assert.Equal("Finished", instance["workflowState"].Str("subStatus"));

        foreach (var journal in new[]
                 {
                     await fx.Admin.GetObjectAsync($"{Api}/workflow-instances/{instanceId}/journal?skip=0&take=100"),
                     (await (await fx.Admin.PostJsonAsync($"{Api}/workflow-instances/{instanceId}/journal", """{"filter":{}}""")).ReadJsonAsync()).AsObject(),
                 })
        {
            Assert.Equal(["items", "totalCount"], journal.Keys());
            var items = journal["items"]!.AsArray();
            Assert.NotEmpty(items);
            foreach (var key in new[] { "id", "activityInstanceId", "parentActivityInstanceId", "activityId", "activityType", "activityTypeVersion",
                         "activityName", "nodeId", "timestamp", "sequence", "eventName", "message", "source", "payload" })
                Assert.True(items[0]!.AsObject().ContainsKey(key), key);
            Assert.Contains(items, i => i.Str("activityType") == "Elsa.WriteLine");
        }

        var filtered = await (await fx.Admin.PostJsonAsync($"{Api}/workflow-instances/{instanceId}/journal",
            """{"filter":{"excludedActivityTypes":["Elsa.Flowchart"]}}""")).ReadJsonAsync();
        Assert.DoesNotContain(filtered["items"]!.AsArray(), i => i.Str("activityType") == "Elsa.Flowchart");

        var state = await fx.Admin.GetObjectAsync($"{Api}/workflow-instances/{instanceId}/execution-state");
        Assert.Equal(["status", "workflowSubStatus", "updatedAt"], state.Keys());
        Assert.Equal("Finished", state.Str("workflowSubStatus"));

        var summaries = await fx.Admin.GetObjectAsync($"{Api}/activity-execution-summaries/list?workflowInstanceId={instanceId}");
        Assert.Equal(["items", "count"], summaries.Keys());
        Assert.Contains(summaries["items"]!.AsArray(), i => i.Str("activityType") == "Elsa.WriteLine" && i.Str("status") == "Completed");
        var executions = await fx.Admin.GetObjectAsync($"{Api}/activity-executions/list?workflowInstanceId={instanceId}");
        Assert.NotEmpty(executions["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Official.DeleteAsync($"{Api}/workflow-instances/{instanceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Designer.DeleteAsync($"{Api}/workflow-instances/{instanceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Designer.GetAsync($"{Api}/workflow-instances/{instanceId}")).StatusCode);
    }
}

[Collection(ElsaApiCollection.Name)]
public sealed class SqliteElsaApiInstanceTests(ElsaApiFixture fx) : ElsaApiInstanceTests(fx);

[Collection(PostgreSqlElsaApiCollection.Name)]
public sealed class PostgreSqlElsaApiInstanceTests(PostgreSqlElsaApiFixture fx) : ElsaApiInstanceTests(fx);
