using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The steps officials take, over HTTP, shared by the path tests.</summary>
public abstract class NominationSteps(NominationFixture app)
{
    protected NominationFixture App { get; } = app;

    public static readonly string[] DistrictUsers = ["tunxi", "shexian"];

    protected static JsonArray CleanNegativeList() =>
        new(Enumerable.Range(1, 6).Select(i => (JsonNode)new JsonObject { ["item"] = i, ["clear"] = true, ["evidence"] = "信用中国查询无记录" }).ToArray());

    protected static JsonObject Draft(string enterpriseId, Tier tier = Tier.Province, int year = 2026) => new()
    {
        ["type"] = "GreenFactory", ["targetTier"] = tier.ToString(), ["year"] = year, ["enterpriseId"] = enterpriseId,
        ["evaluationMode"] = "ThirdParty", ["evaluatorName"] = "安徽某节能评价中心", ["standardVersion"] = "GB/T 36132-2025", ["score"] = 86.5,
        ["negativeList"] = CleanNegativeList(),
    };

    /// <summary>The response's JSON body, after asserting its status (the body is in the failure message).</summary>
    internal static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    protected static byte[] Pdf(int size = 2048)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A PDF whose content (and so its stored content row) no other test shares.</summary>
    protected static byte[] UniquePdf(int size)
    {
        var bytes = Pdf(size);
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes.AsSpan(16));
        return bytes;
    }

    /// <summary>Whether the content of <paramref name="content"/> is stored (wherever the app keeps material contents).</summary>
    protected async Task<bool> ContentStoredAsync(byte[] content)
    {
        using var scope = App.Factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<GreenTierWorkflows.Infrastructure.Domain.IMaterialContentStore>();
        return await store.ExistsAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
    }

    protected async Task<HttpResponseMessage> UploadAsync(string user, string nominationId, byte[] content, string fileName = "评价报告.pdf")
    {
        var client = await App.ClientAsync(user);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("评价报告"), "category");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/nominations/{nominationId}/materials", form);
    }

    protected async Task<HttpResponseMessage> AttachAsync(string user, string taskId, byte[] content, string fileName = "现场核查记录.pdf")
    {
        var client = await App.ClientAsync(user);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/tasks/{taskId}/attachments", form);
    }

    /// <summary>Creates a draft (no materials yet) for a new pool enterprise of the district; returns the nomination id.</summary>
    protected async Task<string> DraftAsync(string user, string district, string enterpriseName)
    {
        var enterprise = await App.EnrolEnterpriseAsync(district, enterpriseName);
        var client = await App.ClientAsync(user);
        return (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise)), HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    /// <summary>Creates a draft for a new pool enterprise, uploads a report and submits it; returns the nomination id.</summary>
    protected async Task<string> SubmitNewAsync(string user, string district, string name, Tier tier = Tier.Province, int year = 2026)
    {
        var enterprise = await App.EnrolEnterpriseAsync(district, name, year);
        var client = await App.ClientAsync(user);
        var created = await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise, tier, year)), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync(user, id, Pdf()), HttpStatusCode.Created);
        var submitted = await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
        Assert.Equal("InProgress", submitted["status"]!.GetValue<string>());
        return id;
    }

    /// <summary>The caller's open task on the nomination (asserting its stage).</summary>
    protected async Task<JsonObject> TaskAsync(string user, string nominationId, string stage)
    {
        var client = await App.ClientAsync(user);
        var page = await ReadAsync(await client.GetAsync("/api/tasks?pageSize=100"), HttpStatusCode.OK);
        var task = page["items"]!.AsArray().Select(t => t!.AsObject()).SingleOrDefault(t => t["nominationId"]!.GetValue<string>() == nominationId);
        Assert.True(task is not null, $"{user} has no open task on {nominationId} (expected {stage}).");
        Assert.Equal(stage, task["stage"]!.GetValue<string>());
        return task;
    }

    protected async Task<HttpResponseMessage> CompleteAsync(string user, string taskId, string outcome, string? comment = null, JsonArray? checklist = null) =>
        await (await App.ClientAsync(user)).PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, comment, checklist });

    /// <summary>Decides the caller's open task at <paramref name="stage"/>; an approval answers the step's checklist (if any) 符合.</summary>
    protected async Task DecideAsync(string user, string nominationId, string stage, string outcome, string? comment = null)
    {
        var task = await TaskAsync(user, nominationId, stage);
        var checklist = outcome == "通过" ? OnSiteChecklist.AllConform(task) : null;
        await ReadAsync(await CompleteAsync(user, task["id"]!.GetValue<string>(), outcome, comment, checklist), HttpStatusCode.OK);
    }

    protected async Task<JsonObject> NominationAsync(string user, string id) =>
        await ReadAsync(await (await App.ClientAsync(user)).GetAsync($"/api/nominations/{id}"), HttpStatusCode.OK);

    protected async Task<JsonArray> HistoryAsync(string user, string id)
    {
        var response = await (await App.ClientAsync(user)).GetAsync($"/api/nominations/{id}/history");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    /// <summary>Appends effects of the nomination's instance to the outbox directly (as a step, or a database written before a change, left them).</summary>
    protected async Task AppendEffectsAsync(string nominationId, params (string Kind, string Json)[] effects)
    {
        var instanceId = (await App.QueryAsync(db => db.Nominations.AsNoTracking().SingleAsync(n => n.Id == nominationId))).WorkflowInstanceId!;
        var contexts = App.Factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var sequence = await db.WorkflowEffects.MaxAsync(e => (long?)e.Sequence) ?? 0;
        foreach (var (kind, json) in effects)
            db.WorkflowEffects.Add(new WorkflowEffectRow
            {
                Sequence = ++sequence, Id = Guid.NewGuid().ToString("N"), Kind = kind, WorkflowInstanceId = instanceId, CorrelationId = nominationId,
                ActivityId = "legacy", ActivityInstanceId = "legacy", DefinitionVersion = 1, PayloadJson = json, CreatedAt = NominationFixture.Now,
            });
        await db.SaveChangesAsync();
        // PostgreSQL's identity column does not move past values given explicitly: moved here, or the next step's effects
        // would be given these numbers again (a duplicate key, the step refused).
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('"WorkflowEffects"', 'Sequence'), (SELECT MAX("Sequence") FROM "WorkflowEffects"))""");
    }
}
