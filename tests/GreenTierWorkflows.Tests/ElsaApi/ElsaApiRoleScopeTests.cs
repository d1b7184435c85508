using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static GreenTierWorkflows.Tests.TestSupport.DemoAppFixture;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>
/// The Elsa API is the designers' tool: every route under <c>/elsa/api</c> that the app maps (read from its
/// <see cref="EndpointDataSource"/>, so a route added later is covered without touching this test) answers 403 to a
/// district official, the city reviewer, the verification team and the provincial liaison (with a Chinese problem),
/// 401 to nobody signed in,
/// and something other than 401/403 to a designer. Only sign-in and token refresh are open.
/// </summary>
[Collection(ElsaApiCollection.Name)]
public sealed class ElsaApiRoleScopeTests(ElsaApiFixture fx)
{
    private static readonly string[] OpenRoutes = [$"{Api}/identity/login", $"{Api}/identity/refresh-token"];

    /// <summary>(method, url with placeholder values, route pattern) for every mapped /elsa/api route except the open ones.</summary>
    private List<(string Method, string Url, string Pattern)> ElsaRoutes()
    {
        var routes = fx.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(Api + "/", StringComparison.Ordinal))
            .ToList();
        Assert.True(routes.Count > 20, $"only {routes.Count} Elsa API routes found");
        var result = new List<(string, string, string)>();
        foreach (var endpoint in routes)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var url = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(Placeholder))));
            if (OpenRoutes.Contains(url)) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                result.Add((method, url, pattern));
        }
        return result;
    }

    /// <summary>A literal as it is; a parameter as a value its constraint accepts (numbers for int/long, a word otherwise).</summary>
    private static string Placeholder(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPart part) => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
            parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1" : "scope-probe",
        _ => "",
    };

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH") request.Content = Json("{}");
        return request;
    }

    [Theory]
    [InlineData("tunxi")]
    [InlineData("shexian")]
    [InlineData("city")]
    [InlineData("verifier")]
    [InlineData("province")]
    public async Task EveryElsaRoute_Returns403AndChangesNothing_WhenNotDesignerOrAdmin(string user)
    {
        using var client = await fx.BearerClientAsync(user);
        var before = await fx.SnapshotAsync();
        var wrong = new List<string>();
        foreach (var (method, url, pattern) in ElsaRoutes())
        {
            using var response = await client.SendAsync(Request(method, url));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("\"title\":\"无权访问\"", StringComparison.Ordinal))
                wrong.Add($"{method} {url} ({pattern}): {(int)response.StatusCode} {body}");
        }
        Assert.True(wrong.Count == 0, $"{user} was not refused on:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task EveryElsaRoute_Returns401_WhenAnonymous()
    {
        var wrong = new List<string>();
        foreach (var (method, url, pattern) in ElsaRoutes())
        {
            using var response = await fx.Anonymous.SendAsync(Request(method, url));
            if (response.StatusCode != HttpStatusCode.Unauthorized) wrong.Add($"{method} {url} ({pattern}): {(int)response.StatusCode}");
        }
        Assert.True(wrong.Count == 0, "answered without sign-in:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("designer")]
    [InlineData("admin")]
    public async Task EveryElsaRoute_AnswersWithoutRefusal_WhenDesignerOrAdmin(string user)
    {
        using var client = await fx.BearerClientAsync(user);
        var wrong = new List<string>();
        foreach (var (method, url, pattern) in ElsaRoutes())
        {
            using var response = await client.SendAsync(Request(method, url));
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized || (int)response.StatusCode >= 500)
                wrong.Add($"{method} {url} ({pattern}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(wrong.Count == 0, $"{user} was refused (or the app failed) on:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("shexian")]
    [InlineData("city")]
    public async Task SignInAndRefresh_StayOpen_WhenOfficial(string user)
    {
        var login = await (await fx.Anonymous.PostAsync($"{Api}/identity/login",
            Json($$"""{"username":"{{user}}","password":"{{Password}}"}"""))).ReadJsonAsync();
        Assert.True(login["isAuthenticated"]!.GetValue<bool>());
        using var refresh = new HttpRequestMessage(HttpMethod.Post, $"{Api}/identity/refresh-token");
        refresh.Headers.Authorization = new("Bearer", login.Str("refreshToken"));
        var refreshed = await (await fx.Anonymous.SendAsync(refresh)).ReadJsonAsync();
        Assert.True(refreshed["isAuthenticated"]!.GetValue<bool>());
    }
}
