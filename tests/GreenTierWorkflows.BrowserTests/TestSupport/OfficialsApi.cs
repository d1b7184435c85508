using System.Text.Json;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>
/// The REST API read and written with a browser session's sign-in cookie (the context's request client shares it):
/// what a page shows is checked against what the API says, and test data is made without clicking through forms.
/// </summary>
public static class OfficialsApi
{
    /// <summary>The current year in Beijing time (the year the pages and the demo data use).</summary>
    public static int Year => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    public static async Task<JsonElement> GetJsonAsync(BrowserSession s, string url)
    {
        var response = await s.Context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"GET {url}: {response.Status}");
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>The size of a paged list (<c>total</c>, every /api list answers one page shape).</summary>
    public static async Task<int> TotalAsync(BrowserSession s, string url) => (await GetJsonAsync(s, url)).GetProperty("total").GetInt32();

    /// <summary>The rows of one page of a list (<c>items</c>).</summary>
    public static async Task<JsonElement.ArrayEnumerator> ItemsAsync(BrowserSession s, string url) =>
        (await GetJsonAsync(s, url)).GetProperty("items").EnumerateArray();

    public static Task<int> CountAsync(BrowserSession s, string url) => TotalAsync(s, url);

    /// <summary>POSTs <paramref name="body"/> as JSON and returns the created record (asserts 201).</summary>
    public static async Task<JsonElement> CreateAsync(BrowserSession s, string url, object body)
    {
        var response = await s.Context.APIRequest.PostAsync(url, new() { DataObject = body });
        Assert.True(response.Status == 201, $"POST {url}: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>Each district official, in a browser of their own, files that many drafts (screenshots named after <paramref name="test"/>).</summary>
    public static async Task CreateDraftsAsync(BrowserFixture browser, AppFixture app, string test, params (string User, int Count)[] drafts)
    {
        foreach (var (user, count) in drafts)
        {
            await using var district = await BrowserSession.StartAsync(browser, app, $"{test}-drafts-{user}");
            await district.SignInAsync(user);
            await CreateDraftsAsync(district, count);
        }
    }

    /// <summary>Drafts for the district's first green-factory pool members.</summary>
    public static async Task CreateDraftsAsync(BrowserSession s, int count)
    {
        var members = (await ItemsAsync(s, $"/api/pools?year={Year}&pageSize=100"))
            .Where(m => m.GetProperty("targetType").GetString() == "GreenFactory" && m.GetProperty("isActive").GetBoolean())
            .Take(count).ToList();
        Assert.Equal(count, members.Count);
        foreach (var member in members) await CreateDraftAsync(s, member);
    }

    /// <summary>A self-evaluated provincial green-factory draft for one pool member (as /api/pools lists it); returns the created nomination.</summary>
    public static Task<JsonElement> CreateDraftAsync(BrowserSession s, JsonElement member) =>
        CreateAsync(s, "/api/nominations", new
        {
            type = "GreenFactory", targetTier = "Province", year = Year, enterpriseId = member.GetProperty("enterpriseId").GetString(),
            evaluationMode = "SelfEvaluation", standardVersion = "GB/T 36132-2025",
            negativeList = Enumerable.Range(1, 6).Select(i => new { item = i, clear = true, evidence = "信用中国查询无记录" }),
        });

    /// <summary>
    /// Uploads an evaluation report to the district's draft and submits it, over the API with a bearer token (as scripts
    /// do; the session's cookie does not carry cross-site writes).
    /// </summary>
    public static async Task UploadReportAndSubmitAsync(BrowserSession district, string user, string nominationId)
    {
        var api = district.Context.APIRequest;
        var login = await api.PostAsync("/elsa/api/identity/login", new() { DataObject = new { username = user, password = AppFixture.DemoPassword } });
        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString() };
        var form = api.CreateFormData();
        form.Set("category", "评价报告");
        form.Set("file", MudUi.Pdf("评价报告.pdf"));
        var uploaded = await api.PostAsync($"/api/nominations/{nominationId}/materials", new() { Multipart = form, Headers = bearer });
        Assert.True(uploaded.Status == 201, $"upload: {uploaded.Status} {await uploaded.TextAsync()}");
        var submitted = await api.PostAsync($"/api/nominations/{nominationId}/submit", new() { Headers = bearer });
        Assert.True(submitted.Ok, $"submit: {submitted.Status} {await submitted.TextAsync()}");
    }

    /// <summary>A valid credit code of the district: 91, the region, an organisation code MA3… with its check characters.</summary>
    public static string DemoCode(string district, int sequence)
    {
        var organisation = $"MA3{sequence:D5}";
        var first17 = "91" + district + organisation + GreenTierWorkflows.Domain.Registry.CreditCode.OrganisationCheckCharacter(organisation);
        return first17 + GreenTierWorkflows.Domain.Registry.CreditCode.CheckCharacter(first17);
    }
}
