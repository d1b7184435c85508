using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// 替换材料 (issue 17, item 2): the district replaces a material of its draft or of its returned nomination; the old
/// version stays readable, marked superseded (by which, when, who) and out of the current list; each replacement is one
/// history line 「评价报告（v2）：…」; a refused replacement changes nothing; none once the nomination is submitted and not returned;
/// the return task files corrections as materials, never as an attachment of the decision.
/// </summary>
public abstract class MaterialReplacementTests(NominationFixture app) : NominationSteps(app)
{
    private async Task<HttpResponseMessage> ReplaceAsync(string user, string nominationId, string materialId, byte[] content, string fileName)
    {
        var client = await App.ClientAsync(user);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/nominations/{nominationId}/materials/{materialId}/replacement", form);
    }

    /// <summary>Everything a replacement may touch: the material rows and their marks, the history, the nomination's revision.</summary>
    private Task<string> FingerprintAsync(string id) => App.QueryAsync(async db =>
    {
        var rows = await db.Materials.IgnoreQueryFilters().AsNoTracking().Where(m => m.NominationId == id).OrderBy(m => m.Id).ToListAsync();
        var revision = await db.Nominations.AsNoTracking().Where(n => n.Id == id).Select(n => n.Revision).SingleAsync();
        return string.Join(";", rows.Select(m => $"{m.Id}:{m.FileName}:{m.SupersededById}:{m.SupersededAt}:{m.SupersededBy}")) + "|" +
            await db.NominationEvents.CountAsync(e => e.NominationId == id) + "|" + revision;
    });

    private static string MaterialId(JsonObject nomination) => nomination["materials"]!.AsArray().Single()!["id"]!.GetValue<string>();

    [Fact]
    public async Task ADraftsMaterial_IsReplacedByANewVersion_TheOldOneStaysReadableAsSuperseded_AndRefusalsChangeNothing()
    {
        var id = await DraftAsync("shexian", "341021", "歙县替换材料测试企业");
        var first = UniquePdf(3000);
        await ReadAsync(await UploadAsync("shexian", id, first), HttpStatusCode.Created);
        var v1 = MaterialId(await NominationAsync("shexian", id));
        var before = await FingerprintAsync(id);

        // Out of scope, the wrong role, not a PDF, a PDF with a script: refused, and nothing changes.
        Assert.Equal(HttpStatusCode.NotFound, (await ReplaceAsync("tunxi", id, v1, UniquePdf(2500), "评价报告（修订）.pdf")).StatusCode);
        var city = await ReadAsync(await ReplaceAsync("city", id, v1, UniquePdf(2500), "评价报告（修订）.pdf"), HttpStatusCode.Forbidden);
        Assert.Contains("只有区县主管部门可以替换申报材料", city["detail"]!.GetValue<string>());
        var notPdf = await ReadAsync(await ReplaceAsync("shexian", id, v1, "不是 PDF"u8.ToArray(), "评价报告（修订）.pdf"), HttpStatusCode.BadRequest);
        Assert.Equal("只接受 PDF 文件（盖章扫描件）。", notPdf["errors"]!["file"]![0]!.GetValue<string>());
        var script = await ReadAsync(await ReplaceAsync("shexian", id, v1,
            "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>\nendobj\n%%EOF\n"u8.ToArray(), "评价报告（修订）.pdf"),
            HttpStatusCode.BadRequest);
        Assert.Contains("PDF 含有脚本", script["errors"]!["file"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await ReplaceAsync("shexian", id, "no-such-material", UniquePdf(2500), "评价报告（修订）.pdf")).StatusCode);
        Assert.Equal(before, await FingerprintAsync(id));

        var second = UniquePdf(2600);
        var v2 = await ReadAsync(await ReplaceAsync("shexian", id, v1, second, "评价报告（修订）.pdf"), HttpStatusCode.Created);
        Assert.Equal(("评价报告", "评价报告（修订）.pdf"), (v2["category"]!.GetValue<string>(), v2["fileName"]!.GetValue<string>()));
        var v2Id = v2["id"]!.GetValue<string>();

        // The current list holds the new version only; the old one is listed apart, marked by which, when and who.
        var seen = await NominationAsync("shexian", id);
        Assert.Equal(v2Id, MaterialId(seen));
        var superseded = seen["supersededMaterials"]!.AsArray().Single()!.AsObject();
        Assert.Equal((v1, v2Id, "shexian"), (superseded["id"]!.GetValue<string>(), superseded["supersededById"]!.GetValue<string>(), superseded["supersededBy"]!.GetValue<string>()));
        Assert.NotNull(superseded["supersededAt"]);
        // Still readable: the old bytes, byte for byte.
        var old = await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{id}/materials/{v1}");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(first, await old.Content.ReadAsByteArrayAsync());

        var line = (await HistoryAsync("shexian", id)).Select(e => e!.AsObject()).Last();
        Assert.Equal("替换材料", line["action"]!.GetValue<string>());
        Assert.Equal("评价报告（v2）：评价报告.pdf → 评价报告（修订）.pdf", line["comment"]!.GetValue<string>());

        // Only the current version is replaced; the next one is v3.
        before = await FingerprintAsync(id);
        var again = await ReadAsync(await ReplaceAsync("shexian", id, v1, UniquePdf(2700), "评价报告（再修订）.pdf"), HttpStatusCode.Conflict);
        Assert.Contains("已被替换", again["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync(id));
        await ReadAsync(await ReplaceAsync("shexian", id, v2Id, UniquePdf(2700), "评价报告（再修订）.pdf"), HttpStatusCode.Created);
        Assert.Equal("评价报告（v3）：评价报告（修订）.pdf → 评价报告（再修订）.pdf",
            (await HistoryAsync("shexian", id)).Select(e => e!.AsObject()).Last()["comment"]!.GetValue<string>());
        Assert.Equal(2, (await NominationAsync("shexian", id))["supersededMaterials"]!.AsArray().Count);
    }

    [Fact]
    public async Task ASubmittedNomination_RefusesReplacement_UntilItIsReturned_AndTheReviewerSeesOnlyTheCurrentVersion()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县退回替换材料测试企业");
        var v1 = MaterialId(await NominationAsync("shexian", id));
        var before = await FingerprintAsync(id);
        var submitted = await ReadAsync(await ReplaceAsync("shexian", id, v1, UniquePdf(2800), "评价报告（补充能耗数据）.pdf"), HttpStatusCode.Conflict);
        Assert.Contains("已提交的申报不能替换材料", submitted["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync(id));

        await DecideAsync("city", id, "市级评审", "退回修改", "评价报告缺少近三年能耗数据");
        // The return task takes no attachment beside the decision: corrected files go into the nomination's materials.
        before = await FingerprintAsync(id);
        var revisionTask = (await TaskAsync("shexian", id, "退回修改"))["id"]!.GetValue<string>();
        var attached = await ReadAsync(await AttachAsync("shexian", revisionTask, UniquePdf(2800), "评价报告（补充能耗数据）.pdf"), HttpStatusCode.BadRequest);
        Assert.Contains("退回修改时请在「申报材料」中补充或替换材料", attached["errors"]!["file"]![0]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync(id));
        var v2 = await ReadAsync(await ReplaceAsync("shexian", id, v1, UniquePdf(2800), "评价报告（补充能耗数据）.pdf"), HttpStatusCode.Created);
        var line = (await HistoryAsync("shexian", id)).Select(e => e!.AsObject()).Last(e => e["action"]!.GetValue<string>() == "替换材料");
        Assert.Equal(("退回修改", "评价报告（v2）：评价报告.pdf → 评价报告（补充能耗数据）.pdf"), (line["stage"]!.GetValue<string>(), line["comment"]!.GetValue<string>()));

        await DecideAsync("shexian", id, "退回修改", "重新提交");
        await TaskAsync("city", id, "市级评审");
        var reviewed = await NominationAsync("city", id);
        Assert.Equal(v2["id"]!.GetValue<string>(), MaterialId(reviewed));
        Assert.Equal(v1, reviewed["supersededMaterials"]!.AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await ReplaceAsync("shexian", id, v2["id"]!.GetValue<string>(), UniquePdf(2900), "评价报告（v3）.pdf")).StatusCode);
    }

    [Fact]
    public async Task AMaterialAddedToAReturnedNomination_IsOneHistoryLine_AndARefusedFileLeavesNone()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县退回补充材料测试企业");
        await DecideAsync("city", id, "市级评审", "退回修改", "请补充能耗数据说明");

        var before = await FingerprintAsync(id);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync("shexian", id, "不是 PDF"u8.ToArray(), "能耗数据说明.pdf")).StatusCode);
        Assert.Equal(before, await FingerprintAsync(id));

        Assert.Equal(HttpStatusCode.Created, (await UploadAsync("shexian", id, UniquePdf(2600), "能耗数据说明.pdf")).StatusCode);
        var line = Assert.Single((await HistoryAsync("shexian", id)).Select(e => e!.AsObject()), e => e["action"]!.GetValue<string>() == "补充材料");
        Assert.Equal(("退回修改", "评价报告：能耗数据说明.pdf"), (line["stage"]!.GetValue<string>(), line["comment"]!.GetValue<string>()));
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteMaterialReplacementTests(NominationFixture app) : MaterialReplacementTests(app);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode, materials kept in the database).</summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlMaterialReplacementTests(PostgreSqlNominationFixture app) : MaterialReplacementTests(app);
