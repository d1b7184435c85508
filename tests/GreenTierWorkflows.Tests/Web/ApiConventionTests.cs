using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Tests.ElsaApi;
using GreenTierWorkflows.Tests.Registry;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// The one endpoint convention of <c>/api</c>, read from the OpenAPI document the app serves: every operation carries a
/// Chinese tag, every list (a GET without route parameters) answers one page shape with one paging convention, and every
/// refusal uses the one problem vocabulary.
/// </summary>
public abstract partial class ApiConventionTests(RegistryFixture fx)
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private async Task<JsonObject> PathsAsync()
    {
        var response = await fx.Anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["paths"]!.AsObject();
    }

    /// <summary>The GET routes without an id that answer one object, not a list: the 培育梯度 round and the 目标测算 plan.</summary>
    private static readonly HashSet<string> SingleResources = ["/api/readiness/round", "/api/readiness/plan"];

    private async Task<IReadOnlyList<string>> ListRoutesAsync()
    {
        var lists = (await PathsAsync())
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal) && !p.Key.Contains('{') && p.Value!["get"] is not null
                && !SingleResources.Contains(p.Key))
            .Select(p => p.Key).ToList();
        // The document must describe the lists at all, or the checks below would pass on nothing.
        Assert.Superset(new HashSet<string> { "/api/nominations", "/api/tasks", "/api/enterprises", "/api/parks", "/api/pools", "/api/units",
            "/api/listings", "/api/windows", "/api/outbox", "/api/audit", "/api/accounts", "/api/notices/templates", "/api/readiness" }, lists.ToHashSet());
        return lists;
    }

    [Fact]
    public async Task EveryApiOperation_HasChineseTag_InOpenApiDocument()
    {
        var untagged = new List<string>();
        foreach (var (path, item) in await PathsAsync())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var (method, operation) in item!.AsObject())
            {
                var tags = operation!["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
                if (tags.Count == 0 || !tags.All(t => Chinese().IsMatch(t))) untagged.Add($"{method.ToUpperInvariant()} {path}: [{string.Join(", ", tags)}]");
                // The signed-in official is bound from the sign-in, never asked of the client.
                var parameters = operation["parameters"]?.AsArray().Select(p => p!.Str("name")).ToList() ?? [];
                Assert.DoesNotContain("who", parameters);
            }
        }
        Assert.True(untagged.Count == 0, "operations without a Chinese tag:\n" + string.Join("\n", untagged));
    }

    [Fact]
    public async Task EveryApiList_AnswersOnePageShape_WithPageFromOneAndSizeUpTo100()
    {
        foreach (var route in await ListRoutesAsync())
        {
            var response = await fx.Admin.GetAsync($"{route}?page=1&pageSize=2");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {route}: {(int)response.StatusCode} {text}");
            var page = JsonNode.Parse(text) as JsonObject;
            Assert.True(page is not null, $"GET {route} answered no page object: {text}");
            Assert.Equal(["items", "page", "pageSize", "total"], page.Select(p => p.Key).Order(StringComparer.Ordinal));
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 2, $"GET {route}: {items.Count} items on a page of 2");
            Assert.True(page["total"]!.GetValue<int>() >= items.Count, $"GET {route}: total below the page: {text}");
            Assert.Equal((1, 2), (page["page"]!.GetValue<int>(), page["pageSize"]!.GetValue<int>()));

            var defaults = await fx.Admin.GetObjectAsync(route);
            Assert.Equal((1, 20), (defaults["page"]!.GetValue<int>(), defaults["pageSize"]!.GetValue<int>()));

            foreach (var (query, field) in new[] { ("page=0", "page"), ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize") })
            {
                var refused = await fx.Admin.GetAsync($"{route}?{query}");
                var body = await refused.Content.ReadAsStringAsync();
                Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"GET {route}?{query}: {(int)refused.StatusCode} {body}");
                var problem = JsonNode.Parse(body)!;
                Assert.Equal("提交的内容有误", problem.Str("title"));
                Assert.True(problem["errors"]?[field] is not null, $"GET {route}?{query} names no field {field}: {body}");
            }
        }
    }

    [Fact]
    public async Task Refusals_UseOneProblemVocabulary_AcrossGroups()
    {
        foreach (var route in new[] { "/api/enterprises/none", "/api/parks/none", "/api/nominations/none", "/api/tasks/none", "/api/accounts/none",
                     "/api/notices/preview/none" })
        {
            var response = await fx.Admin.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {route}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal(("未找到", 404), (problem.Str("title"), problem["status"]!.GetValue<int>()));
            Assert.False(string.IsNullOrEmpty(problem.Str("detail")), $"GET {route}: no detail in {body}");
        }

        var forbidden = await fx.Verifier.PostAsJsonAsync("/api/enterprises", new { name = "核查员不能登记" });
        var refused = await fx.Admin.PutAsJsonAsync("/api/units/341023", new { bureauName = "" });
        var invalid = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("提交的内容有误", invalid.Str("title"));
        Assert.NotNull(invalid["errors"]!["bureauName"]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("无权操作", JsonNode.Parse(await forbidden.Content.ReadAsStringAsync())!.Str("title"));
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteApiConventionTests(RegistryFixture fx) : ApiConventionTests(fx);

/// <summary>The same checks with the app on PostgreSQL.</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlApiConventionTests(PostgreSqlRegistryFixture fx) : ApiConventionTests(fx);
