using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// In Development too, a malformed body is a clean Chinese 400 problem rather than the developer exception page with a
/// stack trace (minimal APIs no longer throw on bad requests).
/// </summary>
[Collection(ElsaApiCollection.Name)]
public sealed class BadRequestProblemTests(ElsaApiFixture fx)
{
    [Theory]
    [InlineData("{\"username\": ")]
    [InlineData("not json at all")]
    public async Task MalformedJson_Answers400ProblemWithoutStackTrace_InDevelopment(string body)
    {
        using var response = await fx.Anonymous.PostAsync($"{ElsaApiFixture.Api}/identity/login", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("请求无效", JsonNode.Parse(text)!["title"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("BadHttpRequestException", text);
    }
}
