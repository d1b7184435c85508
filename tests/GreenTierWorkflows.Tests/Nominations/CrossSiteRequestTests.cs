using System.Net;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// State changes made with the sign-in cookie must come from the app's own pages: without an antiforgery token (or a
/// header a form cannot send), or from a foreign origin or site, they are refused with a Chinese 403 and change
/// nothing. Bearer-token clients are unaffected. The browser-level attack is in the browser tests
/// (<c>CrossSiteFormTests</c>).
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class CrossSiteRequestTests(NominationFixture app) : NominationSteps(app)
{
    private const string Foreign = "http://127.0.0.1:1";

    /// <summary>An HTTP client that signed in through the login form and keeps the cookie, and a token of its signed-in user.</summary>
    private async Task<(HttpClient Client, string TokenName, string Token)> CookieClientAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = App.BaseAddress };
        var (login, body) = await LoginForm.PostAsync(client, user, NominationFixture.Password);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"{(int)login.StatusCode}: {body}");
        // A token is tied to the signed-in user: take one from a page rendered after sign-in.
        var (name, signedInToken) = LoginForm.Token(await client.GetStringAsync("/account/login"));
        return (client, name, signedInToken);
    }

    private static MultipartFormDataContent ReturnForm()
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent("退回修改"), "outcome");
        form.Add(new StringContent("跨站页面伪造的退回意见"), "comment");
        return form;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode} {body}");
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("跨站请求已被拒绝", problem["title"]!.GetValue<string>());
        Assert.Equal(403, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task CookieStateChanges_AreRefusedAndChangeNothing_WithoutTokenOrFromForeignOrigin()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县跨站请求测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();
        var draft = await DraftAsync("shexian", "341021", "歙县跨站请求草稿企业");
        var (city, _, _) = await CookieClientAsync("city");
        var (district, _, _) = await CookieClientAsync("shexian");

        // The attack of the issue: a multipart form that returns the city reviewer's task, without a token.
        using (var form = ReturnForm())
            await AssertRefusedAsync(await city.PostAsync($"/api/tasks/{taskId}/decision", form), "decision without token");
        await AssertRefusedAsync(await city.PostAsync($"/api/tasks/{taskId}/claim", null), "claim without token");
        await AssertRefusedAsync(await city.PostAsync($"/api/tasks/{taskId}/unclaim", null), "unclaim without token");
        await AssertRefusedAsync(await district.PostAsync($"/api/nominations/{draft}/submit", null), "submit without token");
        using (var upload = new MultipartFormDataContent { { new StringContent("评价报告"), "category" }, { new ByteArrayContent(Pdf()), "file", "伪造.pdf" } })
            await AssertRefusedAsync(await district.PostAsync($"/api/nominations/{draft}/materials", upload), "materials without token");

        // The same from a foreign origin or another site, even with a body a form cannot send.
        foreach (var (header, value) in new[] { ("Origin", Foreign), ("Origin", "null"), ("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/complete")
            {
                Content = new StringContent("""{"outcome":"退回修改","comment":"跨站"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(header, value);
            await AssertRefusedAsync(await city.SendAsync(request), $"complete with {header}: {value}");
        }

        // Nothing changed: the task is open and unclaimed, the draft is a draft without materials.
        var task = await TaskAsync("city", id, "市级评审");
        Assert.Null(task["claimedByName"]?.GetValue<string>());
        var nomination = await NominationAsync("shexian", draft);
        Assert.Equal("Draft", nomination["status"]!.GetValue<string>());
        Assert.Empty(nomination["materials"]!.AsArray());
        Assert.DoesNotContain(await HistoryAsync("city", id), h => h!.ToJsonString().Contains("跨站", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CookieStateChanges_Proceed_WithTokenOrFromOwnOrigin_AndBearerClientsAreUnaffected()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县同源请求测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();
        var (city, _, token) = await CookieClientAsync("city");

        // A valid antiforgery token in the header.
        using (var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/claim"))
        {
            claim.Headers.Add("RequestVerificationToken", token);
            await ReadAsync(await city.SendAsync(claim), HttpStatusCode.OK);
        }
        // A same-origin request as the browser marks it (Elsa Studio's fetches).
        using (var unclaim = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/unclaim"))
        {
            unclaim.Headers.Add("Origin", App.BaseAddress.GetLeftPart(UriPartial.Authority));
            unclaim.Headers.Add("Sec-Fetch-Site", "same-origin");
            await ReadAsync(await city.SendAsync(unclaim), HttpStatusCode.OK);
        }
        // A bearer client, even with a foreign Origin (a page cannot attach the token), decides with a multipart form.
        var bearer = await App.ClientAsync("city");
        using var form = new MultipartFormDataContent { { new StringContent("通过"), "outcome" } };
        using var decision = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/decision") { Content = form };
        decision.Headers.Add("Origin", Foreign);
        await ReadAsync(await bearer.SendAsync(decision), HttpStatusCode.OK);
        await TaskAsync("verifier", id, "现场核查");
    }

    [Fact]
    public async Task SignInAndLogoutForms_Work_AndARefusedSignInFromAnotherSiteSetsNoCookie()
    {
        var (city, tokenName, token) = await CookieClientAsync("city");
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [tokenName] = token }),
        };
        var loggedOut = await city.SendAsync(logout);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await city.GetAsync("/api/tasks")).StatusCode);

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = App.BaseAddress };
        var (name, value) = LoginForm.Token(await anonymous.GetStringAsync("/account/login"));
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [name] = value, ["username"] = "city", ["password"] = NominationFixture.Password }),
        };
        crossSite.Headers.Add("Origin", Foreign);
        await AssertRefusedAsync(await anonymous.SendAsync(crossSite), "sign-in from a foreign origin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tasks")).StatusCode);
    }
}
