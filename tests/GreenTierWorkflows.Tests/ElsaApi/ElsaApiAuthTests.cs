using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static GreenTierWorkflows.Tests.TestSupport.DemoAppFixture;
using static GreenTierWorkflows.Tests.TestSupport.ElsaApiFixture;

namespace GreenTierWorkflows.Tests.ElsaApi;

[Collection(ElsaApiCollection.Name)]
public sealed partial class ElsaApiAuthTests(ElsaApiFixture fx)
{
    /// <summary>Every write endpoint (method, path, body); the definition "approval-demo-auth" and instance ids exist or not, either way nothing may change.</summary>
    public static TheoryData<string, string, string?> Writes() => new()
    {
        { "POST", "workflow-definitions", SaveBody() },
        { "POST", "workflow-definitions/import", ElsaApiTestData.Model("auth-import", "Auth import").ToJsonString() },
        { "POST", "workflow-definitions/{id}/publish", "{}" },
        { "POST", "workflow-definitions/{id}/retract", "{}" },
        { "DELETE", "workflow-definitions/{id}", null },
        { "POST", "workflow-definitions/{id}/revert/1", null },
        { "POST", "workflow-definitions/{id}/execute", "{}" },
        { "POST", "events/declaration-window-opened/trigger", "{}" },
        { "DELETE", "workflow-definition-versions/{versionId}", null },
        { "POST", "bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds":["{id}"]}""" },
        { "POST", "bulk-actions/retract/workflow-definitions/by-definition-ids", """{"definitionIds":["{id}"]}""" },
        { "POST", "bulk-actions/delete/workflow-definitions/by-definition-id", """{"definitionIds":["{id}"]}""" },
        { "POST", "bulk-actions/delete/workflow-definitions/by-id", """{"ids":["{versionId}"]}""" },
        { "DELETE", "workflow-instances/some-instance", null },
    };

    private static string SaveBody() => ElsaApiTestData.SaveBody(ElsaApiTestData.Model("auth-target", "Auth target (changed)"), true);

    private async Task<string> EnsureTargetAsync()
    {
        var existing = await fx.Designer.GetAsync($"{Api}/workflow-definitions/by-definition-id/auth-target");
        if (existing.StatusCode == HttpStatusCode.NotFound)
        {
            var model = ElsaApiTestData.Model("auth-target", "Auth target");
            Assert.True((await fx.Designer.PostJsonAsync($"{Api}/workflow-definitions", ElsaApiTestData.SaveBody(model, true))).IsSuccessStatusCode);
            existing = await fx.Designer.GetAsync($"{Api}/workflow-definitions/by-definition-id/auth-target");
        }
        return (await existing.ReadJsonAsync()).Str("id")!;
    }

    private static HttpRequestMessage Request(string method, string path, string? body, string versionId)
    {
        var url = $"{Api}/{path.Replace("{id}", "auth-target").Replace("{versionId}", versionId)}";
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = Json(body.Replace("{id}", "auth-target").Replace("{versionId}", versionId));
        return request;
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task WriteEndpoint_Returns401AndChangesNothing_WhenAnonymous(string method, string path, string? body)
    {
        var versionId = await EnsureTargetAsync();
        var before = await fx.SnapshotAsync();
        var response = await fx.Anonymous.SendAsync(Request(method, path, body, versionId));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task WriteEndpoint_Returns403AndChangesNothing_WhenDistrictOfficial(string method, string path, string? body)
    {
        var versionId = await EnsureTargetAsync();
        var before = await fx.SnapshotAsync();
        var response = await fx.Official.SendAsync(Request(method, path, body, versionId));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Theory]
    [InlineData("descriptors/activities")]
    [InlineData("workflow-definitions?versionOptions=Latest")]
    [InlineData("workflow-definitions/by-definition-id/auth-target")]
    [InlineData("features/installed")]
    public async Task ReadEndpoint_Returns401_WhenAnonymous(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Anonymous.GetAsync($"{Api}/{path}")).StatusCode);
    }

    [Fact]
    public async Task InstanceList_Returns401_WhenAnonymous403_WhenOfficialAnd200_WhenDesigner()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Anonymous.PostJsonAsync($"{Api}/workflow-instances", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Official.PostJsonAsync($"{Api}/workflow-instances", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.Designer.PostJsonAsync($"{Api}/workflow-instances", "{}")).StatusCode);
    }

    [Fact]
    public async Task Login_ReturnsTokens_WhenCredentialsValid()
    {
        var response = await fx.Anonymous.PostAsJsonAsync($"{Api}/identity/login", new { username = "designer", password = Password });
        var body = await response.ReadJsonAsync();
        Assert.Equal(["isAuthenticated", "accessToken", "refreshToken"], body.Keys());
        Assert.True(body["isAuthenticated"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(body.Str("accessToken")));
        Assert.False(string.IsNullOrEmpty(body.Str("refreshToken")));
    }

    [Fact]
    public async Task RefreshToken_IssuesWorkingAccessToken_WhenRefreshTokenValid()
    {
        var login = await (await fx.Anonymous.PostAsJsonAsync($"{Api}/identity/login", new { username = "shexian", password = Password })).ReadJsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/identity/refresh-token");
        request.Headers.Authorization = new("Bearer", login.Str("refreshToken"));
        var refreshed = await (await fx.Anonymous.SendAsync(request)).ReadJsonAsync();
        Assert.True(refreshed["isAuthenticated"]!.GetValue<bool>());

        var client = fx.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", refreshed.Str("accessToken"));
        // A district official's token works (403 on the designers' API, not 401) ...
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/features/installed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
        // ... and a refresh token is not an access token.
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.Str("refreshToken"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{Api}/features/installed")).StatusCode);
    }

    [Fact]
    public async Task Login_ReturnsNotAuthenticated_WhenPasswordWrong()
    {
        var response = await fx.Anonymous.PostAsJsonAsync($"{Api}/identity/login", new { username = "city", password = "wrong-password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False(body["isAuthenticated"]!.GetValue<bool>());
        Assert.Null(body["accessToken"]);
    }

    [Fact]
    public async Task Cookie_AuthorizesApiWithEditLinks_WhenSignedInThroughLoginForm()
    {
        var client = fx.NewClient(handleCookies: true);
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryInput().Match(page);
        Assert.True(token.Success, page);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["username"] = "designer",
            ["password"] = Password,
            ["returnUrl"] = "/studio",
        });
        var login = await client.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        await EnsureTargetAsync();
        var definition = await client.GetObjectAsync($"{Api}/workflow-definitions/by-definition-id/auth-target");
        Assert.True(definition.HasLink("publish"));
        var save = await client.PostJsonAsync($"{Api}/workflow-definitions", ElsaApiTestData.SaveBody(ElsaApiTestData.Model(null, "Cookie save"), false));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
