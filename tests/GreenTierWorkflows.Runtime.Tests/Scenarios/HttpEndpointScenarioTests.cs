using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>
/// <c>Elsa.HttpEndpoint</c> and <c>Elsa.WriteHttpResponse</c> through the runtime's HTTP-agnostic dispatcher, in both
/// flowchart engines. Expectations follow elsa-core's test/component/Elsa.Workflows.ComponentTests/Scenarios/Activities/Http
/// (HttpEndpointTests: the response the workflow writes; HttpEndpointRouteParametersTests: route values;
/// HttpEndpointQueryStringAndHeadersTests: query and headers as outputs) and Elsa's HttpWorkflowsMiddleware (no match → 404).
/// </summary>
public sealed class HttpEndpointScenarioTests
{
    public static TheoryData<FlowchartExecutionMode> Modes => new() { FlowchartExecutionMode.CounterBased, FlowchartExecutionMode.TokenBased };

    private static JsonObject Endpoint(string id, string path, string methods = "[\"GET\"]", bool trigger = true, params (string Name, JsonNode? Value)[] more)
    {
        var node = Activity(id, "Elsa.HttpEndpoint", [("path", Literal(path)), ("supportedMethods", Object(methods, "String[]")), .. more]);
        node["customProperties"]!["canStartWorkflow"] = trigger;
        return node;
    }

    private static JsonObject Respond(string id, JsonObject content, string status = "OK", string? contentType = null) =>
        Activity(id, "Elsa.WriteHttpResponse", ("statusCode", Literal(status)), ("content", content), ("contentType", Literal(contentType)));

    private static HttpEndpointRequest Request(string method, string path, JsonNode? content = null, string? query = null) =>
        new(method, "/workflows" + path, query is null ? new JsonObject() : new JsonObject { ["nominationId"] = query }, new JsonObject { ["X-Caller"] = "省厅" },
            content is null ? null : "application/json", content);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ATriggeredWorkflow_AnswersWithWhatWriteHttpResponseWrote_AndSeesRouteQueryAndHeaders(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(Definition("hello-http", Flowchart("fc",
            [Endpoint("in", "/nominations/{id}/status", "[\"GET\"]", true, ("routeData", OutputTo("Route")), ("queryStringData", OutputTo("Query")), ("headers", OutputTo("Headers"))),
             Respond("out", Js("return { id: getRoute().id, nomination: getQuery().nominationId, caller: getHeaders()['X-Caller'] }"))],
            Connection("in", "out")), Variable("Route"), Variable("Query"), Variable("Headers")).ToJsonString());
        var dispatcher = new HttpWorkflowDispatcher(h.Runtime);

        var match = await dispatcher.MatchAsync("/Nominations/GF-2026-007/status", "get");
        Assert.NotNull(match);
        Assert.Equal("GF-2026-007", match.RouteValues["id"]);
        var run = await dispatcher.RunAsync(match, Request("GET", "/Nominations/GF-2026-007/status", query: "GF-2026-007"));

        Assert.Equal(WorkflowSubStatus.Finished, run.Run!.State.SubStatus);
        Assert.NotNull(run.Response);
        Assert.Equal(200, run.Response.StatusCode);
        Assert.Equal("application/json", run.Response.ContentType);
        Assert.Equal("""{"id":"GF-2026-007","nomination":"GF-2026-007","caller":"省厅"}""", run.Response.Body);
    }

    [Fact]
    public async Task AnUnknownPathOrMethod_MatchesNothing()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("hello-http", Flowchart("fc", [Endpoint("in", "/hello"), Respond("out", Literal("你好"))], Connection("in", "out"))).ToJsonString());
        var dispatcher = new HttpWorkflowDispatcher(h.Runtime);

        Assert.NotNull(await dispatcher.MatchAsync("/hello/", "GET"));
        Assert.Null(await dispatcher.MatchAsync("/goodbye", "GET"));
        Assert.Null(await dispatcher.MatchAsync("/hello", "POST"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task APostBody_IsParsedContent_AndStatusAndTextAreWrittenAsGiven(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(Definition("province-callback", Flowchart("fc",
            [Endpoint("in", "/province/result", "[\"POST\"]", true, ("parsedContent", OutputTo("Body"))),
             Respond("out", Js("return '已登记：' + getBody().enterprise + ' ' + getBody().result", "String"), "Created")],
            Connection("in", "out")), Variable("Body")).ToJsonString());
        var dispatcher = new HttpWorkflowDispatcher(h.Runtime);

        var match = await dispatcher.MatchAsync("/province/result", "POST");
        var run = await dispatcher.RunAsync(match!, Request("POST", "/province/result", new JsonObject { ["enterprise"] = "黄山某公司", ["result"] = "省级绿色工厂" }));

        Assert.Equal(201, run.Response!.StatusCode);
        Assert.Equal("text/plain", run.Response.ContentType);
        Assert.Equal("已登记：黄山某公司 省级绿色工厂", run.Response.Body);
        Assert.Equal("省级绿色工厂", run.Run!.State.Variables["Body"]!["result"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ABlockingEndpointInTheMiddle_WaitsForItsRequest_AndTheRequestResumesIt(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(Definition("waits-for-province", Flowchart("fc",
            [WriteLine("before", "已报送省厅"), Endpoint("callback", "/province/{nomination}/result", "[\"POST\"]", false, ("parsedContent", OutputTo("Body"))),
             WriteLine("after", Js("return '省厅结果：' + getBody().result", "String")), Respond("out", Literal("收到"))],
            Connection("before", "callback"), Connection("callback", "after"), Connection("after", "out")), Variable("Body")).ToJsonString());
        var dispatcher = new HttpWorkflowDispatcher(h.Runtime);
        Assert.Null(await dispatcher.MatchAsync("/province/GF-1/result", "POST"));

        var started = await h.Runtime.StartAsync("waits-for-province");
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);

        var match = await dispatcher.MatchAsync("/province/GF-1/result", "POST");
        Assert.NotNull(match);
        Assert.Empty(match.Triggers);
        var run = await dispatcher.RunAsync(match, Request("POST", "/province/GF-1/result", new JsonObject { ["result"] = "通过" }));

        Assert.Equal(started.State.Id, run.Run!.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, run.Run.State.SubStatus);
        Assert.Equal(["省厅结果：通过"], run.Run.Step.Output);
        Assert.Equal("收到", run.Response!.Body);
        Assert.Null(await dispatcher.MatchAsync("/province/GF-1/result", "POST"));
    }

    [Fact]
    public async Task WriteHttpResponse_WithNoRequestWaiting_FaultsInChinese()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("no-request", Flowchart("fc", [Respond("out", Literal("你好"))])).ToJsonString());

        var (state, _, _) = await h.RunUntilEndAsync("no-request");

        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Contains("不是由 HTTP 请求触发", Assert.Single(state.Incidents).Message);
    }
}
