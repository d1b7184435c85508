using System.Net;
using System.Text.Json.Nodes;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiTestData;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>
/// Issue 14, item 1 through Elsa's REST API: a published flowchart that loops forever ends with an incident and a
/// faulted instance (the request returns), and a cancelled execute request stops its run between activities.
/// </summary>
public sealed class ElsaApiRuntimeLimitsTests(RuntimeLimitsElsaApiFixture fx) : IClassFixture<RuntimeLimitsElsaApiFixture>
{
    private static JsonObject Expression(string type, string value, string typeName) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

    private static JsonObject Connection(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    private async Task<HttpClient> DesignerAsync()
    {
        var client = await fx.BearerClientAsync("designer");
        client.Timeout = TimeSpan.FromMinutes(2); // a hung run shows as a failure, not as a test that never ends
        return client;
    }

    private static async Task PublishAsync(HttpClient designer, JsonObject model)
    {
        var response = await designer.PostJsonAsync($"{Api}/workflow-definitions", SaveBody(model, publish: true));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> InstanceCountAsync(HttpClient designer, string definitionId)
    {
        var list = await (await designer.PostJsonAsync($"{Api}/workflow-instances",
            $$"""{"page":0,"pageSize":10,"definitionId":"{{definitionId}}"}""")).ReadJsonAsync();
        return list["totalCount"]!.GetValue<long>();
    }

    [Fact]
    public async Task Execute_ReturnsAFaultedInstanceWithAnIncidentNamingTheActivity_WhenAnActivityConnectsToItself()
    {
        using var designer = await DesignerAsync();
        var definitionId = "self-loop-" + NewId();
        var model = Model(definitionId, "自环流程", "又一圈");
        model["root"]!["connections"] = new JsonArray(Connection("wl1", "wl1"));
        await PublishAsync(designer, model);

        var response = await designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/execute", "{}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var state = JsonNode.Parse(text)!["workflowState"]!;
        Assert.Equal("Finished", state.Str("status"));
        Assert.Equal("Faulted", state.Str("subStatus"));
        var incident = Assert.Single(state["incidents"]!.AsArray())!;
        Assert.Equal("wl1", incident.Str("activityId"));
        var message = incident.Str("message")!;
        Assert.Contains($"活动数达到上限 {RuntimeLimitsElsaApiFixture.MaxActivitiesPerBurst:N0}", message);
        Assert.Contains("「WriteLine1」", message);
        Assert.Contains($"执行了 {RuntimeLimitsElsaApiFixture.MaxActivitiesPerBurst - 1:N0} 次", message);

        // Committed: the instance reads back faulted, and the host still answers.
        var instanceId = Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
        var stored = await designer.GetObjectAsync($"{Api}/workflow-instances/{instanceId}");
        Assert.Equal("Faulted", stored.Str("subStatus"));
        Assert.Equal(1, await InstanceCountAsync(designer, definitionId));
    }

    [Fact]
    public async Task CancelledExecuteRequest_StopsTheRunBetweenActivities_AndCommitsNothing()
    {
        using var designer = await DesignerAsync();
        var definitionId = "slow-loop-" + NewId();
        var model = Model(definitionId, "慢循环");
        model["variables"] = new JsonArray(new JsonObject
        {
            ["id"] = "count", ["name"] = "Count", ["typeName"] = "Int32", ["isArray"] = false, ["value"] = null, ["storageDriverTypeName"] = null,
        });
        // 600 rounds of 50 ms: half a minute if nothing stops it.
        model["root"]!["activities"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "spin", ["name"] = "Spin", ["type"] = "Elsa.SetVariable", ["version"] = 1,
                ["variable"] = new JsonObject { ["id"] = "count", ["name"] = "Count", ["typeName"] = "Int32" },
                ["value"] = Expression("JavaScript", "const t = Date.now(); while (Date.now() - t < 50) {} return (getCount() ?? 0) + 1", "Object"),
            },
            new JsonObject
            {
                ["id"] = "more", ["name"] = "More", ["type"] = "Elsa.FlowDecision", ["version"] = 1,
                ["condition"] = Expression("JavaScript", "return getCount() < 600", "Boolean"),
            });
        model["root"]!["connections"] = new JsonArray(Connection("spin", "more"), Connection("more", "spin", "True"));
        await PublishAsync(designer, model);

        using var cancel = new CancellationTokenSource();
        var request = designer.PostAsync($"{Api}/workflow-definitions/{definitionId}/execute", Json("{}"), cancel.Token);
        var started = await fx.Logs.WaitForAsync(TimeSpan.FromMinutes(1), () => request.IsCompleted, "开始执行工作流", definitionId);
        if (request.IsCompletedSuccessfully)
            Assert.Fail("the run ended before it could be cancelled: " + await (await request).Content.ReadAsStringAsync());
        Assert.True(started is not null, "the runtime never reported starting the run:\n" + string.Join("\n", fx.Logs.Entries.Select(e => e.Message)));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        var stopped = await fx.Logs.WaitForAsync(TimeSpan.FromMinutes(1), null, "执行被取消", definitionId);
        Assert.True(stopped is not null,
            $"the run did not stop after the request was cancelled (instances: {await InstanceCountAsync(designer, definitionId)}):\n"
            + string.Join("\n", fx.Logs.Entries.Select(e => e.Message)));
        Assert.Equal(0, await InstanceCountAsync(designer, definitionId));
    }
}
