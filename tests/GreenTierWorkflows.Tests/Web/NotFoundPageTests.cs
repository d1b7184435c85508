using System.Net;
using System.Net.Http.Headers;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>An address the app does not have: a Chinese page with the way back for people, unchanged answers for APIs.</summary>
[Collection(ElsaApiCollection.Name)]
public sealed class NotFoundPageTests(ElsaApiFixture fx)
{
    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await fx.Anonymous.SendAsync(request);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/nominations/x/y/z")]
    public async Task UnknownPage_IsAChinese404PageWithTheWayBack(string path)
    {
        using var response = await GetAsync(path, "text/html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", html);
        Assert.Contains("href=\"/\"", html);
        Assert.Contains(WebUtility.HtmlEncode(path), html);
    }

    [Fact]
    public async Task TheAddressIsShownEncoded_NotAsMarkup()
    {
        using var response = await GetAsync("/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "text/html");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Theory]
    [InlineData("/api/no-such-route", "text/html")]
    [InlineData("/no-such-file.js", "application/javascript")]
    public async Task ApisAndFiles_KeepTheirOwn404(string path, string accept)
    {
        using var response = await GetAsync(path, accept);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("页面不存在", body);
    }
}
