using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Small JSON helpers for the contract tests.</summary>
internal static class Http
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).AsObject();
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        await client.PostAsync(url, ElsaApiFixture.Json(json));

    public static string[] Keys(this JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();

    public static string? Str(this JsonNode? node, string key) => node?[key]?.GetValue<string>();

    public static bool HasLink(this JsonNode? node, string rel) =>
        (node?["links"] as JsonArray ?? []).Any(l => l?["rel"]?.GetValue<string>() == rel);
}
