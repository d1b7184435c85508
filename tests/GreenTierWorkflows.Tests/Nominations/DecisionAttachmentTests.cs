using System.Net;
using System.Net.Http.Headers;
using GreenTierWorkflows.Domain.Nominations;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// A decision handed in with its files (the officials' form, <c>POST /api/tasks/{id}/decision</c>): the files are kept
/// only when the decision is recorded, so a refused decision changes nothing and a retry does not duplicate them.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class DecisionAttachmentTests(NominationFixture app) : NominationSteps(app)
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
}
