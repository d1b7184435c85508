using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using GreenTierWorkflows.Domain.Nominations;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// What an uploaded PDF and a typed comment may carry: a PDF with a script, a program launch or an embedded file
/// (visible, #-escaped, or inside a compressed object stream) is refused with a Chinese message and stores nothing; a
/// plain PDF with compressed content is accepted; a decision comment with a right-to-left override is refused.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class MaterialSafetyTests(NominationFixture app) : NominationSteps(app)
{
    [Theory]
    [InlineData("open-action-js", "/JavaScript")]
    [InlineData("escaped-js", "/JavaScript")]
    [InlineData("launch", "/Launch")]
    [InlineData("embedded-in-object-stream", "/EmbeddedFiles")]
    [InlineData("js-in-compressed-stream", "/JS")]
    public async Task Upload_RefusesActivePdf_AndStoresNothing(string kind, string name)
    {
        var id = await DraftAsync("shexian", "341021", $"歙县PDF安全测试企业{kind}");
        var pdf = ActivePdf(kind);

        var response = await UploadAsync("shexian", id, pdf, "评价报告.pdf");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains($"PDF 含有脚本、启动程序或嵌入文件（{name}），出于安全原因不予接收", ProblemText(body));
        Assert.Equal(0, await App.QueryAsync(db => db.Set<Material>().IgnoreQueryFilters().CountAsync(m => m.NominationId == id)));
        Assert.False(await ContentStoredAsync(pdf));
    }

    [Fact]
    public async Task Upload_AcceptsAPlainPdfWithCompressedContent()
    {
        var id = await DraftAsync("shexian", "341021", "歙县PDF正常测试企业");
        var pdf = Build(Catalog(""), Stream("4 0 obj\n<< /Filter /FlateDecode", Deflate("BT /F1 12 Tf 72 712 Td (Green factory 2026) Tj ET")));

        var created = await ReadAsync(await UploadAsync("shexian", id, pdf, "评价报告.pdf"), HttpStatusCode.Created);

        Assert.Equal("评价报告.pdf", created["fileName"]!.GetValue<string>());
        Assert.True(await ContentStoredAsync(pdf));
    }

    [Fact]
    public async Task Decision_RefusesACommentWithARightToLeftOverride_AndTheTaskStaysOpen()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县意见字符测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();

        var response = await (await App.ClientAsync("city")).PostAsJsonAsync($"/api/tasks/{taskId}/complete",
            new { outcome = "退回修改", comment = "请补充\u202E告报测检" });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("意见含有不可见或控制字符（U+202E），请删除后重试。", ProblemText(body));
        await TaskAsync("city", id, "市级评审");
    }

    /// <summary>A PDF of the given kind, each with something a viewer would run or unpack.</summary>
    private static byte[] ActivePdf(string kind) => kind switch
    {
        "open-action-js" => Build(Catalog("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")),
        "escaped-js" => Build(Catalog("/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")),
        "launch" => Build(Catalog("/OpenAction << /S /Launch /F (calc.exe) >>")),
        "embedded-in-object-stream" => Build(Catalog(""),
            Stream("6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Deflate("7 0 << /Names << /EmbeddedFiles << /Names [(a.exe) 8 0 R] >> >> >>"))),
        "js-in-compressed-stream" => Build(Catalog("/AA << /O 9 0 R >>"),
            Stream("6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Deflate("9 0 << /S /JavaScript#20 /JS (this.exportDataObject\\(\\)) >>"))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Catalog(string extra) => Encoding.ASCII.GetBytes(
        $"1 0 obj\n<< /Type /Catalog /Pages 2 0 R {extra} >>\nendobj\n" +
        "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
        "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n");

    private static byte[] Stream(string head, byte[] data) =>
        [.. Encoding.ASCII.GetBytes($"{head} /Length {data.Length} >>\nstream\r\n"), .. data, .. "\r\nendstream\nendobj\n"u8];

    private static byte[] Deflate(string text)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal)) zlib.Write(Encoding.ASCII.GetBytes(text));
        return output.ToArray();
    }

    private static byte[] Build(params byte[][] objects) =>
        [.. "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"u8, .. objects.SelectMany(o => o), .. "trailer\n<< /Root 1 0 R >>\n%%EOF\n"u8];

    /// <summary>The problem document as readable text (the API escapes non-ASCII characters).</summary>
    private static string ProblemText(string body) =>
        System.Text.Json.Nodes.JsonNode.Parse(body)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
