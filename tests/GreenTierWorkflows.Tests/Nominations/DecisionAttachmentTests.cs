using System.Net;
using System.Net.Http.Headers;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// A decision handed in with its files (the officials' form, <c>POST /api/tasks/{id}/decision</c>): the files are kept
/// only when the decision is recorded, so a refused decision changes nothing and a retry does not duplicate them.
/// </summary>
public abstract class DecisionAttachmentTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task RefusedDecision_KeepsNoneOfItsFiles_AndTheRecordedOneKeepsAllOfThem()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县核查附件测试企业");
        await DecideAsync("city", id, "市级评审", "通过");
        var taskId = (await TaskAsync("verifier", id, "现场核查"))["id"]!.GetValue<string>();
        var record = UniquePdf(3000);
        var photo = UniquePdf(1000);
        var materialsBefore = await MaterialCountAsync(id);

        // A rejection without its reason: refused before any file is read.
        var noReason = await DecideWithFilesAsync(taskId, "不通过", null, (record, "现场核查记录.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var noReasonText = await ProblemTextAsync(noReason);
        Assert.True(noReasonText.Contains("必须填写意见"), noReasonText);

        // The second file is not a PDF: the first one, already stored, is taken back. It shares its content with the
        // nomination's own evaluation report, whose stored content must survive.
        var badSecond = await DecideWithFilesAsync(taskId, "通过", null, (Pdf(), "现场核查记录.pdf"), (photo, "现场照片.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, badSecond.StatusCode);
        Assert.Contains("附件「现场照片.jpg」：只接受 PDF 文件", await ProblemTextAsync(badSecond));

        Assert.Equal(materialsBefore, await MaterialCountAsync(id));
        Assert.False(await ContentStoredAsync(record));
        Assert.True(await ContentStoredAsync(Pdf()));
        var report = (await NominationAsync("shexian", id))["materials"]!.AsArray().Single()!;
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{id}/materials/{report["id"]}")).StatusCode);
        await TaskAsync("verifier", id, "现场核查"); // still open

        var recorded = await ReadAsync(await DecideWithFilesAsync(taskId, "通过", "现场核查无异常", (record, "现场核查记录.pdf"), (photo, "现场照片.pdf")), HttpStatusCode.OK);
        Assert.Equal("Completed", recorded["status"]!.GetValue<string>());
        var materials = (await NominationAsync("city", id))["materials"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Equal(materialsBefore + 2, materials.Count);
        Assert.Equal(["现场核查记录.pdf", "现场照片.pdf"], materials.Where(m => m["category"]!.GetValue<string>() == "审核附件：现场核查")
            .Select(m => m["fileName"]!.GetValue<string>()).Order().ToArray());
        Assert.True(await ContentStoredAsync(record));

        // Decided: a late second decision with a file is refused and stores nothing.
        var late = await DecideWithFilesAsync(taskId, "通过", null, (UniquePdf(500), "补充.pdf"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(materialsBefore + 2, await MaterialCountAsync(id));
    }

    [Fact]
    public async Task FilesOfADecisionNeverRecorded_AreInvisible_AndTheSweepRemovesThem_WithUnreferencedContents()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县待定附件清理测试企业");
        await DecideAsync("city", id, "市级评审", "通过");
        var taskId = (await TaskAsync("verifier", id, "现场核查"))["id"]!.GetValue<string>();
        var lost = UniquePdf(1500);
        var kept = UniquePdf(1700);

        // What a decision killed after storing its file leaves: a pending material and its content.
        Material pending;
        using (var scope = App.Factory.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<NominationService>().StoreMaterialAsync(id, "审核附件：现场核查", "现场照片.pdf",
                new MemoryStream(lost), lost.Length, "verifier", pendingTaskId: taskId);
            pending = stored.Value!;
        }
        Assert.True(await ContentStoredAsync(lost));
        Assert.DoesNotContain((await NominationAsync("city", id))["materials"]!.AsArray(), m => m!["id"]!.GetValue<string>() == pending.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("city")).GetAsync($"/api/nominations/{id}/materials/{pending.Id}")).StatusCode);

        // The task is still open and the file young: a sweep now leaves it (it may be a decision in flight).
        Assert.Equal(0, (await SweepAsync()).PendingMaterials);
        Assert.True(await ContentStoredAsync(lost));

        await ReadAsync(await DecideWithFilesAsync(taskId, "通过", "现场核查无异常", (kept, "现场核查记录.pdf")), HttpStatusCode.OK);
        var orphan = await AddUnreferencedContentAsync();

        var swept = await SweepAsync();

        Assert.Equal(1, swept.PendingMaterials);
        Assert.Equal(1, swept.OrphanContents);
        Assert.False(await ContentStoredAsync(lost));
        Assert.False(await ContentStoredAsync(orphan));
        Assert.True(await ContentStoredAsync(kept));
        Assert.Equal(["现场核查记录.pdf"], (await NominationAsync("city", id))["materials"]!.AsArray()
            .Where(m => m!["category"]!.GetValue<string>() == "审核附件：现场核查").Select(m => m!["fileName"]!.GetValue<string>()).ToArray());
        Assert.Equal(0, await App.QueryAsync(db => db.Set<Material>().IgnoreQueryFilters().CountAsync(m => m.PendingSince != null)));
    }

    [Fact]
    public async Task DecisionEndpoint_RefusesAJsonBody_WithAChineseMessage()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县表单格式测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();
        var client = await App.ClientAsync("city");

        var response = await client.PostAsync($"/api/tasks/{taskId}/decision", new StringContent("{\"outcome\":\"通过\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/form-data", await ProblemTextAsync(response));
        await TaskAsync("city", id, "市级评审");
    }

    private async Task<HttpResponseMessage> DecideWithFilesAsync(string taskId, string outcome, string? comment, params (byte[] Content, string Name)[] files)
    {
        var client = await App.ClientAsync("verifier");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(outcome), "outcome");
        OnSiteChecklist.AddTo(form, outcome);
        if (comment is not null) form.Add(new StringContent(comment), "comment");
        foreach (var (content, name) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/jpeg");
            form.Add(file, "files", name);
        }
        return await client.PostAsync($"/api/tasks/{taskId}/decision", form);
    }

    /// <summary>The problem document as readable text (the API escapes non-ASCII characters).</summary>
    private static async Task<string> ProblemTextAsync(HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private Task<int> MaterialCountAsync(string nominationId) =>
        App.QueryAsync(db => db.Set<Material>().CountAsync(m => m.NominationId == nominationId));

    private async Task<MaterialSweepResult> SweepAsync()
    {
        using var scope = App.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MaterialSweeper>().SweepAsync();
    }

    /// <summary>A stored content no material refers to, older than the grace period, where the app keeps contents.</summary>
    private async Task<byte[]> AddUnreferencedContentAsync()
    {
        var bytes = UniquePdf(900);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        using var scope = App.Factory.Services.CreateScope();
        if (scope.ServiceProvider.GetRequiredService<IMaterialContentStore>() is DatabaseMaterialContentStore)
        {
            await App.WithDbAsync(db => db.MaterialContents.Add(new MaterialContent { Sha256 = hash, Content = bytes, Size = bytes.Length, StoredAt = App.Clock.GetUtcNow().AddHours(-3) }));
        }
        else
        {
            var path = FileMaterialContentStore.PathOf(scope.ServiceProvider.GetRequiredService<MaterialStorageOptions>(), hash);
            await File.WriteAllBytesAsync(path, bytes);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-3));
        }
        Assert.True(await ContentStoredAsync(bytes));
        return bytes;
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteDecisionAttachmentTests(NominationFixture app) : DecisionAttachmentTests(app);

/// <summary>The same on PostgreSQL, where material contents are kept in the database.</summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlDecisionAttachmentTests(PostgreSqlNominationFixture app) : DecisionAttachmentTests(app);
