using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// The attack of issue 14 in a real Chromium: the city reviewer is signed in; a page served from another port of the
/// same host (a tiny HttpListener here: same site, other origin, so the browser sends the sign-in cookie) auto-submits
/// a multipart form to <c>POST /api/tasks/{id}/decision</c> with 退回修改. The app must refuse it (Chinese 403) and the
/// task must still be open. The reviewer's own pages still decide.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossSiteFormTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string ForgedComment = "跨站页面伪造的退回意见";

    [Fact]
    public async Task HostilePageOnAnotherPort_CannotDecideTheCityReviewersTask_WhileTheReviewersPagesStillCan()
    {
        var (nominationId, taskId) = await SubmittedNominationAsync();

        await using var city = await BrowserSession.StartAsync(browser, app, "csrf-city");
        await city.SignInAsync("city");
        await city.Page.GotoAsync($"/tasks/{taskId}");
        await Expect(city.Page.Locator("[data-testid=decision-form]")).ToBeVisibleAsync();
        await city.StepAsync("task-open");

        using var hostile = HostilePage.Start(DecisionForm($"{app.BaseUrl}/api/tasks/{taskId}/decision"));
        var refused = city.Page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/tasks/{taskId}/decision", StringComparison.Ordinal));
        await city.Page.GotoAsync(hostile.Url);
        var response = await refused;
        var headers = await response.Request.AllHeadersAsync();
        var sent = string.Join(", ", headers.Where(h => h.Key is "origin" or "sec-fetch-site").Select(h => $"{h.Key}: {h.Value}")) +
                   ", cookies: " + string.Join(" ", (headers.GetValueOrDefault("cookie") ?? "").Split(';').Select(c => c.Split('=')[0].Trim()));
        Assert.True(headers.ContainsKey("cookie"), "The browser did not send the sign-in cookie, so the test proves nothing: " + sent);
        var body = await response.TextAsync();
        Assert.True(response.Status == 403, $"The forged decision was answered {response.Status} ({sent}): {body}");
        Assert.Contains("跨站请求已被拒绝", body);
        await city.StepAsync("hostile-form-refused");

        // Nothing changed: the task is open, no decision and no comment in the history.
        using var api = await BearerAsync("city");
        var task = await api.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.Equal("Open", task.GetProperty("status").GetString());
        var history = await api.GetStringAsync($"/api/nominations/{nominationId}/history");
        Assert.DoesNotContain(ForgedComment, history);

        // The reviewer's own page still records a decision (over the Blazor circuit).
        await city.Page.GotoAsync($"/tasks/{taskId}");
        await city.Page.Locator("[data-testid='outcome-通过']").ClickAsync();
        await MudUi.ConfirmAsync(city.Page, "确定作出『通过』决定？");
        await city.Page.WaitForURLAsync(url => url.EndsWith("/tasks", StringComparison.Ordinal));
        var decided = await api.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.Equal("Completed", decided.GetProperty("status").GetString());
        Assert.Equal("通过", decided.GetProperty("outcome").GetString());
        await city.StepAsync("decided-on-own-page");

        // Logging out with the page's form still works (a same-origin form post).
        await city.Page.Locator("form[action='/account/logout'] button").ClickAsync();
        await city.Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>The hostile page: a multipart form posted to the app as soon as it loads.</summary>
    private static string DecisionForm(string action) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>年度评审材料</title></head>
        <body>
          <form id="f" method="post" enctype="multipart/form-data" action="{{action}}">
            <input name="outcome" value="退回修改">
            <input name="comment" value="{{ForgedComment}}">
          </form>
          <script>document.getElementById('f').submit();</script>
        </body></html>
        """;

    /// <summary>A district files a nomination and submits it (bearer API, as scripts/walk-nomination.sh does); the city's task.</summary>
    private async Task<(string NominationId, string TaskId)> SubmittedNominationAsync()
    {
        using var district = await BearerAsync("shexian");
        var members = await district.GetFromJsonAsync<JsonElement>($"/api/pools?year={OfficialsApi.Year}&pageSize=100");
        var enterprise = members.GetProperty("items").EnumerateArray()
            .First(m => m.GetProperty("targetType").GetString() == "GreenFactory" && m.GetProperty("isActive").GetBoolean())
            .GetProperty("enterpriseId").GetString();
        var created = await Read(await district.PostAsJsonAsync("/api/nominations", new
        {
            type = "GreenFactory", targetTier = "Province", year = OfficialsApi.Year, enterpriseId = enterprise,
            evaluationMode = "SelfEvaluation", standardVersion = "GB/T 36132-2025",
            negativeList = Enumerable.Range(1, 6).Select(i => new { item = i, clear = true, evidence = "信用中国查询无记录" }),
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("评价报告"), "category");
            var file = new ByteArrayContent(MudUi.Pdf("评价报告.pdf").Buffer);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "评价报告.pdf");
            await Read(await district.PostAsync($"/api/nominations/{id}/materials", form), HttpStatusCode.Created);
        }
        await Read(await district.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);

        using var city = await BearerAsync("city");
        var tasks = await city.GetFromJsonAsync<JsonElement>("/api/tasks?pageSize=100");
        var task = tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("nominationId").GetString() == id);
        return (id, task.GetProperty("id").GetString()!);
    }

    private async Task<HttpClient> BearerAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var login = await Read(await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = AppFixture.DemoPassword }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A one-page web server on a free 127.0.0.1 port (another origin of the same site as the app).</summary>
    private sealed class HostilePage : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly byte[] _page;

        public string Url { get; }

        private HostilePage(string html)
        {
            _page = Encoding.UTF8.GetBytes(html);
            Url = $"http://127.0.0.1:{FreePort()}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = ServeAsync();
        }

        public static HostilePage Start(string html) => new(html);

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength64 = _page.Length;
                await context.Response.OutputStream.WriteAsync(_page);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
