using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Tests.TestSupport.NominationSteps;

namespace GreenTierWorkflows.Tests.ScaleOut;

/// <summary>
/// Scale-out mode for real: two app processes on one PostgreSQL database (EF Core and Hangfire both), started at the same
/// moment on an empty database, each with its own Hangfire server, sending mail to a real maildev. One nomination walks
/// through all stages with its officials alternating between the nodes, two officials decide the same task on both
/// nodes at once, and every notice of the walk reaches the inbox exactly once.
/// </summary>
public sealed class ScaleOutTests(MaildevFixture maildev) : IClassFixture<MaildevFixture>, IAsyncLifetime
{
    private readonly TestPostgresDatabase _database = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-scaleout-" + Guid.NewGuid().ToString("N"));
    private AppNode _a = null!;
    private AppNode _b = null!;

    public async Task InitializeAsync()
    {
        await maildev.ClearAsync();
        Directory.CreateDirectory(_data);
        var settings = new Dictionary<string, string>
        {
            ["Data:Provider"] = "PostgreSql",
            ["ConnectionStrings:GreenTier"] = _database.ConnectionString,
            ["Scheduling:Storage"] = "PostgreSql",
            ["ConnectionStrings:Hangfire"] = _database.ConnectionString,
            ["Scheduling:NoticeDeliveryCron"] = "*/2 * * * * *",
            ["Data:WorkflowsDirectory"] = RepoPaths.Workflows,
            ["Demo:Enabled"] = "true",
            ["Demo:AllowInProduction"] = "true", // the nodes run as Production with the demo accounts
            ["Demo:Password"] = AppNode.Password,
            ["Notices:Smtp:Host"] = "127.0.0.1",
            ["Notices:Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Both at once on the empty database: migrations, seeding and workflow import must not trip over each other.
        // Each node has a data directory of its own, as separate machines have: nothing may depend on a shared disk.
        Dictionary<string, string> On(string node) => new(settings) { ["Data:Directory"] = Path.Combine(_data, node) };
        Task<AppNode>[] starting = [AppNode.StartAsync("A", On("a")), AppNode.StartAsync("B", On("b"))];
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // The node that did start must not outlive the test run.
            foreach (var node in starting.Where(t => t.IsCompletedSuccessfully)) await node.Result.DisposeAsync();
            throw;
        }
        (_a, _b) = (starting[0].Result, starting[1].Result);
    }

    [MaildevFact]
    public async Task Nomination_WalksAcrossTwoNodes_OneDecisionPerTask_AndEachNoticeIsSentOnce()
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

        // shexian files and submits on node A.
        var district = await _a.ClientAsync("shexian");
        var pool = JsonNode.Parse(await district.GetStringAsync($"/api/pools?year={year}&pageSize=100"))!["items"]!.AsArray();
        var enterpriseId = pool.First(m => m!["enterpriseId"] is not null && m["targetType"]!.GetValue<string>() == "GreenFactory")!["enterpriseId"]!.GetValue<string>();
        var created = await ReadAsync(await district.PostAsJsonAsync("/api/nominations", new JsonObject
        {
            ["type"] = "GreenFactory", ["targetTier"] = "Province", ["year"] = year, ["enterpriseId"] = enterpriseId,
            ["evaluationMode"] = "SelfEvaluation", ["score"] = 88,
            ["negativeList"] = new JsonArray(Enumerable.Range(1, 6).Select(i => (JsonNode)new JsonObject { ["item"] = i, ["clear"] = true }).ToArray()),
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var report = "%PDF-1.4\n% scale-out\n"u8.ToArray();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("评价报告"), "category");
            var pdf = new ByteArrayContent(report);
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "file", "评价报告.pdf");
            await ReadAsync(await district.PostAsync($"/api/nominations/{id}/materials", form), HttpStatusCode.Created);
        }
        await ReadAsync(await district.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);

        // The material uploaded on node A opens on node B (its bytes are in the shared database, not on A's disk).
        var material = JsonNode.Parse(await (await _b.ClientAsync("city")).GetStringAsync($"/api/nominations/{id}"))!["materials"]!.AsArray().Single()!;
        Assert.Equal(report, await (await _b.ClientAsync("city")).GetByteArrayAsync($"/api/nominations/{id}/materials/{material["id"]}"));

        // The city reviews on node B what node A started; the verifier answers on A.
        await DecideAsync(_b, "city", id, "市级评审", "通过");
        await DecideAsync(_a, "verifier", id, "现场核查", "通过");

        // The city's recommendation decided on both nodes at the same moment: exactly one is recorded.
        var task = await TaskAsync(_b, "city", id, "市级推荐");
        var onA = await _a.ClientAsync("city");
        var onB = await _b.ClientAsync("city");
        var body = new JsonObject { ["outcome"] = "通过", ["comment"] = "" };
        var answers = await Task.WhenAll(
            onA.PostAsJsonAsync($"/api/tasks/{task}/complete", body),
            onB.PostAsJsonAsync($"/api/tasks/{task}/complete", body));
        var codes = answers.Select(r => r.StatusCode).OrderBy(c => c).ToArray();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);

        await DecideAsync(_a, "province", id, "省级评审", "通过");

        // Both nodes see the same result and the same history, each decision once.
        foreach (var node in new[] { _a, _b })
        {
            var nomination = JsonNode.Parse(await (await node.ClientAsync("shexian")).GetStringAsync($"/api/nominations/{id}"))!;
            Assert.Equal(("Listed", "已列入省级名单"), (nomination["status"]!.GetValue<string>(), nomination["stage"]!.GetValue<string>()));
        }
        var history = JsonNode.Parse(await (await _b.ClientAsync("city")).GetStringAsync($"/api/nominations/{id}/history"))!.AsArray();
        Assert.Equal(4, history.Count(h => h!["action"]!.GetValue<string>() == "通过"));

        // Every notice is sent once, though both nodes' Hangfire servers deliver: the inbox holds exactly the sent outbox.
        var admin = await _a.ClientAsync("admin");
        var sent = await WaitForSentOutboxAsync(admin, expectAtLeast: 4);
        var emails = await WaitForEmailsAsync(sent.Count);
        var messageIds = emails.Select(e => NormalizeMessageId(e!["headers"]?["message-id"]?.GetValue<string>())).ToList();
        Assert.Equal(messageIds.Count, messageIds.Distinct().Count());
        Assert.Equal(sent.Select(n => NormalizeMessageId(n["messageId"]!.GetValue<string>())).Order(), messageIds.Order());
    }

    [MaildevFact]
    public async Task ASignInOnOneNode_IsAcceptedByTheOther()
    {
        // Behind a load balancer consecutive requests land on different nodes: a token or cookie node A issued must
        // open node B (the Data Protection keys live in the shared database).
        var onA = await _a.ClientAsync("city");
        using var onB = new HttpClient { BaseAddress = _b.BaseAddress };
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        using var tasks = await onB.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);

        // The sign-in form on A (its antiforgery token included), then the officials' pages on B with A's cookie.
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browserOnA = new HttpClient(cookies, disposeHandler: false) { BaseAddress = _a.BaseAddress };
        using var login = (await LoginForm.PostAsync(browserOnA, "city", AppNode.Password)).Response;
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = cookies.CookieContainer.GetCookies(_a.BaseAddress).Single(c => c.Name == "greentier.auth");
        using var browserOnB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _b.BaseAddress };
        browserOnB.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var page = await browserOnB.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static string NormalizeMessageId(string? id) => (id ?? "").Trim().Trim('<', '>');

    private static async Task<string> TaskAsync(AppNode node, string user, string nominationId, string stage)
    {
        var client = await node.ClientAsync(user);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var tasks = JsonNode.Parse(await client.GetStringAsync("/api/tasks?pageSize=100"))!["items"]!.AsArray();
            var task = tasks.FirstOrDefault(t => t!["nominationId"]!.GetValue<string>() == nominationId && t["stage"]!.GetValue<string>() == stage);
            if (task is not null) return task["id"]!.GetValue<string>();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {stage} task for {user} on node {node.Name}: {tasks.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private static async Task DecideAsync(AppNode node, string user, string nominationId, string stage, string outcome)
    {
        var task = await TaskAsync(node, user, nominationId, stage);
        var client = await node.ClientAsync(user);
        await ReadAsync(await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new JsonObject { ["outcome"] = outcome, ["comment"] = "", ["checklist"] = OnSiteChecklist.For(stage, outcome) }), HttpStatusCode.OK);
    }

    private static async Task<List<JsonNode>> WaitForSentOutboxAsync(HttpClient admin, int expectAtLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var all = JsonNode.Parse(await admin.GetStringAsync("/api/outbox?pageSize=100"))!["items"]!.AsArray().Select(n => n!).ToList();
            var sent = all.Where(n => n["status"]!.GetValue<string>() == "Sent").ToList();
            if (sent.Count >= expectAtLeast && sent.Count == all.Count) return sent;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{sent.Count} of {all.Count} notices sent: {new JsonArray(all.Select(n => n.DeepClone()).ToArray()).ToJsonString()}");
            await Task.Delay(500);
        }
    }

    private async Task<JsonArray> WaitForEmailsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var emails = await maildev.EmailsAsync();
            if (emails.Count >= count || DateTime.UtcNow > deadline)
            {
                await Task.Delay(3000); // a duplicate delivery would arrive within the next delivery rounds (every 2 s)
                return await maildev.EmailsAsync();
            }
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        _database.Dispose();
        try { Directory.Delete(_data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
