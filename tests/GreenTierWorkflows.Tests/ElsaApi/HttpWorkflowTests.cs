using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>
/// Workflows triggered by HTTP requests under <c>/workflows</c> (Elsa's default base path, option <c>Elsa:Http:BasePath</c>),
/// over real HTTP against the web app: the workflow's own response, 401 for anonymous callers, 403 when the endpoint's
/// Policy refuses the caller, 404 for a path no workflow answers (as Elsa), a POST body parsed into ParsedContent, and an
/// HttpEndpoint waiting in the middle of a running instance resumed by its request. Run on SQLite
/// (<see cref="SqliteHttpWorkflowTests"/>) and on PostgreSQL (<see cref="PostgreSqlHttpWorkflowTests"/>).
/// </summary>
public abstract class HttpWorkflowTests(ElsaApiFixture fx)
{
    /// <param name="methods">The supported methods, comma-separated.</param>
    private static JsonObject Endpoint(string id, string path, string methods, bool trigger, params (string Name, JsonNode? Value)[] more)
    {
        var list = new JsonArray(methods.Split(',').Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()).ToJsonString();
        var node = Activity(id, "Elsa.HttpEndpoint", [("path", Literal(path)), ("supportedMethods", Object(list, "String[]")), .. more]);
        node["customProperties"]!["canStartWorkflow"] = trigger;
        return node;
    }

    private static JsonObject Respond(string id, JsonObject content, string status = "OK") =>
        Activity(id, "Elsa.WriteHttpResponse", ("statusCode", Literal(status)), ("content", content));

    /// <summary>Imports and publishes a workflow under a fresh definition id; answers that id.</summary>
    private async Task<string> PublishAsync(JsonObject definition)
    {
        var definitionId = (string)definition["definitionId"]! + "-" + ElsaApiTestData.NewId();
        definition["definitionId"] = definitionId;
        definition["id"] = ElsaApiTestData.NewId();
        definition["isPublished"] = true;
        var import = await fx.Designer.PostAsync($"{Api}/workflow-definitions/import", Json(definition));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        return definitionId;
    }

    private static async Task<string> Body(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task ASignedInCaller_Gets200WithTheWorkflowsResponse_AnAnonymousOne401_AndAnUnknownPath404()
    {
        var route = "hello-" + ElsaApiTestData.NewId();
        await PublishAsync(Definition("http-hello", Flowchart("fc",
            [Endpoint("in", $"/{route}/{{district}}", "GET,POST", true, ("routeData", OutputTo("Route"))),
             Respond("out", Js("return { greeting: '你好，' + getRoute().district }"))],
            Connection("in", "out")), Variable("Route")));

        var ok = await fx.Official.GetAsync($"/workflows/{route}/歙县");
        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{(int)ok.StatusCode}: {await Body(ok)}");
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("你好，歙县", (await ok.ReadJsonAsync()).Str("greeting"));
        Assert.Equal("你好，黄山区", (await (await fx.Official.PostJsonAsync($"/workflows/{route}/黄山区", "{}")).ReadJsonAsync()).Str("greeting"));

        var anonymous = await fx.Anonymous.GetAsync($"/workflows/{route}/歙县");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("未登录", (await anonymous.ReadJsonAsync()).Str("title"));

        var unknown = await fx.Official.GetAsync($"/workflows/{route}-missing/歙县");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("没有工作流响应", await Body(unknown));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Official.DeleteAsync($"/workflows/{route}/歙县")).StatusCode);
    }

    [Fact]
    public async Task APostBody_IsTheWorkflowsParsedContent_AndTheEndpointsPolicyIsEnforced()
    {
        var route = "province-result-" + ElsaApiTestData.NewId();
        await PublishAsync(Definition("http-province", Flowchart("fc",
            [Endpoint("in", $"/{route}", "POST", true, ("parsedContent", OutputTo("Body")), ("policy", Literal("Designers"))),
             Respond("out", Js("return '已登记：' + getBody().enterprise + '，' + getBody().tier", "String"), "Created")],
            Connection("in", "out")), Variable("Body")));
        const string payload = """{"enterprise":"黄山市某新材料有限公司","tier":"省级绿色工厂"}""";

        var created = await fx.Designer.PostJsonAsync($"/workflows/{route}", payload);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await Body(created)}");
        Assert.Equal("text/plain", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal("已登记：黄山市某新材料有限公司，省级绿色工厂", await Body(created));

        var refused = await fx.Official.PostJsonAsync($"/workflows/{route}", payload);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Designers", await Body(refused));

        var invalid = await fx.Designer.PostJsonAsync($"/workflows/{route}", "{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task AnEndpointWaitingInTheMiddle_IsResumedByItsRequest_AndTheInstanceFinishes()
    {
        var route = "callback-" + ElsaApiTestData.NewId();
        var definitionId = await PublishAsync(Definition("http-waiting", Flowchart("fc",
            [WriteLine("before", "已报送省厅"), Endpoint("callback", $"/{route}/{{nomination}}", "POST", false, ("parsedContent", OutputTo("Body")), ("routeData", OutputTo("Route"))),
             Respond("out", Js("return getRoute().nomination + '：' + getBody().result", "String"))],
            Connection("before", "callback"), Connection("callback", "out")), Variable("Body"), Variable("Route")));

        Assert.Equal(HttpStatusCode.NotFound, (await fx.Official.PostJsonAsync($"/workflows/{route}/GF-2026-007", """{"result":"通过"}""")).StatusCode);
        var execute = await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions/{definitionId}/execute", "{}");
        Assert.True(execute.IsSuccessStatusCode, await Body(execute));
        var state = (await execute.ReadJsonAsync())["workflowState"]!;
        Assert.Equal("Suspended", state.Str("subStatus"));

        var resumed = await fx.Official.PostJsonAsync($"/workflows/{route}/GF-2026-007?workflowInstanceId={state.Str("id")}", """{"result":"通过"}""");
        Assert.True(resumed.StatusCode == HttpStatusCode.OK, $"{(int)resumed.StatusCode}: {await Body(resumed)}");
        Assert.Equal("GF-2026-007：通过", await Body(resumed));

        var instance = await (await fx.Designer.GetAsync($"{Api}/workflow-instances/{state.Str("id")}")).ReadJsonAsync();
        Assert.Equal("Finished", instance.Str("subStatus") ?? instance["workflowState"].Str("subStatus"));
        Assert.DoesNotContain("Bearer", instance.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Official.PostJsonAsync($"/workflows/{route}/GF-2026-007", """{"result":"通过"}""")).StatusCode);
    }

    [Fact]
    public async Task TheOwnHttpFixtures_AnswerWhatElsasOwnTestsExpect()
    {
        var expectations = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.ConformanceFixtures, "expectations.json")))!["fixtures"]!.AsArray();
        var withCalls = expectations.Where(f => f!["expect"]?["http"] is JsonArray calls && calls.Any(c => c.Str("path")?.StartsWith("/workflows/") == true)).ToList();
        Assert.Equal(["http-hello-world.json", "http-route-data.json"], withCalls.Select(f => f.Str("file")).Order(StringComparer.Ordinal));
        foreach (var fixture in withCalls)
        {
            await fx.ImportSampleAsync(fixture.Str("file")!, "httpfixture");
            foreach (var call in fixture!["expect"]!["http"]!.AsArray())
            {
                var response = await fx.Official.SendAsync(new HttpRequestMessage(new HttpMethod(call.Str("method")!), call.Str("path")));
                Assert.True((int)response.StatusCode == call!["status"]!.GetValue<int>(), $"{fixture.Str("file")}: {(int)response.StatusCode} {await Body(response)}");
                Assert.Equal(call.Str("content"), await Body(response));
            }
        }
    }

    [Theory]
    [InlineData("workflowInstanceId")]
    [InlineData("correlationId")]
    public async Task ATriggerStartedWithAnIdentifier_IsTheInstanceThatIdentifierResumes(string identifierKey)
    {
        // As Elsa's test/component/Elsa.Workflows.ComponentTests/Scenarios/HttpWorkflows/ResumeSpecificHttpWorkflowInstanceTests.cs:
        // three instances started by GET …/start?{key}=…, then GET …/resume?{key}=<the second> resumes that one (200).
        var route = "simple-http-api-" + ElsaApiTestData.NewId();
        await PublishAsync(Definition("http-simple-api", Flowchart("fc",
            [Endpoint("start", $"/{route}/start", "GET", true), Endpoint("resume", $"/{route}/resume", "GET", false),
             Respond("out", Js("return '已恢复 ' + getWorkflowInstanceId()", "String"))],
            Connection("start", "resume"), Connection("resume", "out"))));
        var ids = Enumerable.Range(0, 3).Select(_ => ElsaApiTestData.NewId()).ToList();
        foreach (var id in ids)
        {
            var started = await fx.Official.GetAsync($"/workflows/{route}/start?{identifierKey}={id}");
            Assert.True(started.StatusCode == HttpStatusCode.OK, $"{(int)started.StatusCode}: {await Body(started)}");
        }

        var resumed = await fx.Official.GetAsync($"/workflows/{route}/resume?{identifierKey}={ids[1]}");

        Assert.True(resumed.StatusCode == HttpStatusCode.OK, $"{(int)resumed.StatusCode}: {await Body(resumed)}");
        Assert.StartsWith("已恢复 ", await Body(resumed));
        if (identifierKey == "workflowInstanceId") Assert.Equal("已恢复 " + ids[1], await Body(resumed));
        Assert.Equal(HttpStatusCode.InternalServerError, (await fx.Official.GetAsync($"/workflows/{route}/resume")).StatusCode);
    }

    [Fact]
    public async Task StudiosPalette_DescribesTheNewActivities_WithTheirInputsOutputsAndPorts()
    {
        var items = (await fx.Designer.GetObjectAsync($"{Api}/descriptors/activities?Refresh=True"))["items"]!.AsArray().ToDictionary(i => i.Str("typeName")!);

        Assert.Equal("Scripting", items["Elsa.RunJavaScript"].Str("category"));
        Assert.Equal(["Script", "PossibleOutcomes"], items["Elsa.RunJavaScript"]!["inputs"]!.AsArray().Select(i => i.Str("name")));
        Assert.Equal(["Result"], items["Elsa.RunJavaScript"]!["outputs"]!.AsArray().Select(i => i.Str("name")));
        Assert.Equal("Container", items["Elsa.FlowNode"].Str("displayName"));
        Assert.Equal(["Body"], items["Elsa.ParallelForEach"]!["ports"]!.AsArray().Select(p => p.Str("name")));
        Assert.Equal("Trigger", items["Elsa.HttpEndpoint"].Str("kind"));
        Assert.Equal(["Path", "SupportedMethods", "Authorize", "Policy"], items["Elsa.HttpEndpoint"]!["inputs"]!.AsArray().Select(i => i.Str("name")));
        Assert.Equal(["ParsedContent", "RouteData", "QueryStringData", "Headers"], items["Elsa.HttpEndpoint"]!["outputs"]!.AsArray().Select(i => i.Str("name")));
        Assert.Equal("HTTP Response", items["Elsa.WriteHttpResponse"].Str("displayName"));
    }
}

[Collection(ElsaApiCollection.Name)]
public sealed class SqliteHttpWorkflowTests(ElsaApiFixture fx) : HttpWorkflowTests(fx);

[Collection(PostgreSqlElsaApiCollection.Name)]
public sealed class PostgreSqlHttpWorkflowTests(PostgreSqlElsaApiFixture fx) : HttpWorkflowTests(fx);
