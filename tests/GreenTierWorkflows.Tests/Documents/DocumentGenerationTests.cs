using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static GreenTierWorkflows.Tests.Documents.DocumentSampleData;

namespace GreenTierWorkflows.Tests.Documents;

/// <summary>
/// Issue 18: every kind of document generated from fixed sample data over the API, then checked by content — the PDF's
/// text (pdftotext), A4, embedded fonts and page numbers; the .xlsx read back; the archive's versions; the scope refusals.
/// The PDFs are also written as PNG pages under artifacts/documents/ to be looked at.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class DocumentGenerationTests(NominationFixture app) : NominationSteps(app), IAsyncLifetime
{
    private static readonly string Artifacts = Path.Combine(RepoPaths.Root, "artifacts", "documents");

    /// <summary>
    /// The sample data is seeded before each test, not on its first request: a test builds its first URL from the sample's ids
    /// (<see cref="Ids0"/>) before it sends anything, so seeding on the request left those tests passing only after another
    /// test of the class had seeded.
    /// </summary>
    public Task InitializeAsync() => EnsureAsync(App);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonObject> GenerateAsync(string user, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await (await App.ClientAsync(user)).PostAsync(url, null), expected);

    private async Task<byte[]> DownloadAsync(string user, JsonObject document)
    {
        var response = await (await App.ClientAsync(user)).GetAsync($"/api/documents/{document["id"]!.GetValue<string>()}/content");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A4, every font embedded with a Unicode map, and "第 n 页 / 共 N 页" on each page; returns the text.</summary>
    private static async Task<string> CheckPdfAsync(byte[] pdf, string pngName)
    {
        Assert.True(pdf.Length > 1000 && pdf[0] == '%' && pdf[1] == 'P', "not a PDF");
        var info = await PdfTools.InfoAsync(pdf);
        Assert.Contains("(A4)", info);
        var fonts = (await PdfTools.FontsAsync(pdf)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.Matches(@"\byes\s+\w+\s+yes\s+\d+\s+\d+\s*$", line)); // emb … uni
        var text = await PdfTools.TextAsync(pdf);
        var pages = PdfTools.Pages(info);
        for (var page = 1; page <= pages; page++) Assert.Contains($"第{page}页/共{pages}页", PdfTools.Squeezed(text));
        Assert.Contains("数据版本", text);
        await PdfTools.PngAsync(pdf, Path.Combine(Artifacts, pngName));
        return text;
    }

    [Fact]
    public async Task ApplicationForm_ShowsTheNominationsData_AndIsArchivedPerDataVersion()
    {
        var form = await GenerateAsync("shexian", $"/api/nominations/{Ids0(InkWorks)}/documents/application-form");
        Assert.Equal(1, form["version"]!.GetValue<int>());
        var text = await CheckPdfAsync(await DownloadAsync("shexian", form), "application-form");
        var flat = PdfTools.Squeezed(text);
        foreach (var expected in new[] { InkWorks, "91341021MA2N0INK01", "安徽绿标评价中心", "GB/T36132-2025", "91.5", "文教、工美、体育和娱乐用品制造业（C2414）",
                     "徽墨绿色工厂评价报告.pdf", InkMaterialSha, "材料真实性承诺", "法定代表人（签字）", "被列为失信被执行人", "由歙县" })
            Assert.True(PdfTools.ContainsCell(text, expected), $"申报书 lacks 「{expected}」:\n{text}");

        var again = await GenerateAsync("shexian", $"/api/nominations/{Ids0(InkWorks)}/documents/application-form");
        Assert.Equal(form["id"]!.GetValue<string>(), again["id"]!.GetValue<string>()); // same data: the archived version

        await App.WithDbAsync(db => db.Nominations.Single(n => n.Id == Ids0(InkWorks)).Score = 92m);
        var changed = await GenerateAsync("shexian", $"/api/nominations/{Ids0(InkWorks)}/documents/application-form");
        try
        {
            Assert.Equal(2, changed["version"]!.GetValue<int>());
            Assert.NotEqual(form["dataVersion"]!.GetValue<string>(), changed["dataVersion"]!.GetValue<string>());
            Assert.Contains("92", PdfTools.Squeezed(await PdfTools.TextAsync(await DownloadAsync("city", changed))));
            var listed = await ReadArrayAsync("shexian", $"/api/nominations/{Ids0(InkWorks)}/documents");
            Assert.Equal([2, 1], listed.Where(d => d!["kind"]!.GetValue<string>() == "application-form").Select(d => d!["version"]!.GetValue<int>()));
            Assert.Equal(form["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await DownloadAsync("shexian", form))));
            var history = await HistoryAsync("shexian", Ids0(InkWorks));
            Assert.Equal(2, history.Count(h => h!["action"]!.GetValue<string>() == "生成文书" && h["comment"]!.GetValue<string>().StartsWith("申报书", StringComparison.Ordinal)));
        }
        finally
        {
            await App.WithDbAsync(db => db.Nominations.Single(n => n.Id == Ids0(InkWorks)).Score = 91.5m);
        }
    }

    [Fact]
    public async Task DistrictRecommendation_ListsTheSubmittedNominations_InPdfAndXlsx()
    {
        var url = $"/api/documents/district-recommendation?district={Shexian}&year={Year}&type=GreenFactory";
        var pdf = await GenerateAsync("shexian", url + "&format=pdf");
        var text = await CheckPdfAsync(await DownloadAsync("shexian", pdf), "district-recommendation");
        var flat = PdfTools.Squeezed(text);
        foreach (var expected in new[] { "歙县工信局", "黄山市工信局：", "关于推荐2024年度绿色工厂的函", "推荐以下3家单位", "序号", "县区", "企业名称", "评价机构", "所属行业",
                     InkWorks, TeaCompany, CityTierFactory, "安徽绿标评价中心", "酒、饮料和精制茶制造业（C1530）" })
            Assert.True(PdfTools.ContainsCell(text, expected), $"推荐文件 lacks 「{expected}」:\n{text}");
        Assert.DoesNotContain(DraftFactory, flat);
        Assert.DoesNotContain(TunxiMachinery, flat);

        var xlsx = await GenerateAsync("shexian", url + "&format=xlsx");
        Assert.Equal("xlsx", xlsx["format"]!.GetValue<string>());
        var rows = ReadXlsx(await DownloadAsync("shexian", xlsx));
        Assert.Equal(["序号", "县区", "企业名称", "评价机构", "所属行业"], rows[0]);
        Assert.Equal(
        [
            ["1", "歙县", InkWorks, "安徽绿标评价中心", "文教、工美、体育和娱乐用品制造业（C2414）"],
            ["2", "歙县", TeaCompany, "无", "酒、饮料和精制茶制造业（C1530）"],
            ["3", "歙县", CityTierFactory, "无", "造纸和纸制品业（C2221）"],
        ], rows.Skip(1).ToList());
    }

    [Fact]
    public async Task CityRecommendation_RanksTheRecommendations_WithReviewAndOnSiteResults()
    {
        var pdf = await GenerateAsync("city", $"/api/documents/city-recommendation?year={Year}&format=pdf");
        var text = await CheckPdfAsync(await DownloadAsync("city", pdf), "city-recommendation");
        var flat = PdfTools.Squeezed(text);
        foreach (var expected in new[] { "安徽省工业和信息化厅：", "推荐名额（9家）", "推荐以下3家单位", "排名", "所属行业", "评价得分", "市级评审意见", "现场核查结果",
                     "通过：现场情况与申报一致，能源计量完善", "黄山市节能监测所" })
            Assert.True(PdfTools.ContainsCell(text, expected), $"推荐汇总表 lacks 「{expected}」:\n{text}");
        int At(string name) => flat.IndexOf(name[..4], flat.IndexOf("推荐汇总表排名", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(At(TeaCompany) < At(InkWorks) && At(InkWorks) < At(TunxiMachinery), "rank order 1 茶业, 2 徽墨, 3 屯溪精工:\n" + text);
        Assert.DoesNotContain(CityTierFactory, flat);

        var rows = ReadXlsx(await DownloadAsync("city", await GenerateAsync("city", $"/api/documents/city-recommendation?year={Year}&format=xlsx")));
        Assert.Equal(["排名", "县区", "企业名称", "所属行业", "评价机构", "评价得分", "市级评审意见", "现场核查结果"], rows[0]);
        Assert.Equal(
        [
            ["1", "歙县", TeaCompany, "酒、饮料和精制茶制造业（C1530）", "无", "84", "通过：同意", "通过：通过"],
            ["2", "歙县", InkWorks, "文教、工美、体育和娱乐用品制造业（C2414）", "安徽绿标评价中心", "91.5", "通过：材料齐全，指标先进", "通过：现场情况与申报一致，能源计量完善"],
            ["3", "屯溪区", TunxiMachinery, "通用设备制造业（C3411）", "黄山市节能监测所", "88", "通过：指标较好", "通过：通过"],
        ], rows.Skip(1).ToList());
    }

    [Fact]
    public async Task PublicNotice_CountsWorkingDays_AndNamesTheObjectionChannel()
    {
        // 2024-11-09 is a Saturday: the notice starts on Monday the 11th and its 5 working days end on Friday the 15th.
        var html = await GenerateAsync("city", $"/api/documents/public-notice?year={Year}&start=2024-11-09&format=html");
        var fragment = System.Text.Encoding.UTF8.GetString(await DownloadAsync("city", html));
        Assert.StartsWith("<section class=\"gtw-public-notice\">", fragment.TrimStart());
        Assert.DoesNotContain("<html", fragment);
        foreach (var expected in new[] { "公示期为 5 个工作日：2024年11月11日至2024年11月15日", TeaCompany, InkWorks, TunxiMachinery, CityTierFactory, "拟列入市级名单", "拟推荐申报省级", "匿名异议不予受理", "联系人：" })
            Assert.True(fragment.Contains(expected, StringComparison.Ordinal), $"公示 lacks 「{expected}」:\n{fragment}");
        Assert.DoesNotContain(DraftFactory, fragment);

        var pdf = await GenerateAsync("city", $"/api/documents/public-notice?year={Year}&start=2024-11-09&format=pdf");
        var flat = PdfTools.Squeezed(await CheckPdfAsync(await DownloadAsync("city", pdf), "public-notice"));
        Assert.Contains("2024年11月11日至2024年11月15日", flat);
    }

    [Fact]
    public async Task VerificationRecord_ShowsTheVerifierFindingsAndOutcome_OnlyOnceVerified()
    {
        var record = await GenerateAsync("verifier", $"/api/nominations/{Ids0(InkWorks)}/documents/verification-record");
        var flat = PdfTools.Squeezed(await CheckPdfAsync(await DownloadAsync("verifier", record), "verification-record"));
        foreach (var expected in new[] { "现场核查记录", InkWorks, "核查组李工", "2024年6月30日", "通过", "现场情况与申报一致，能源计量完善", "核查组成员（签字）",
                     "核查表", "GL-01", "必核", "证书均在有效期内", "CP-01", "选核", "不适用", "产品为中间品", "共3项：符合2项，不适用1项" })
            Assert.True(PdfTools.ContainsCell(flat, expected), $"核查记录 lacks 「{expected}」:\n{flat}");

        // Previewed inside the page: inline, framable by the app only, the same bytes, the same scope as the download.
        var preview = await (await App.ClientAsync("verifier")).GetAsync($"/api/documents/{record["id"]!.GetValue<string>()}/preview");
        Assert.True(preview.StatusCode == HttpStatusCode.OK, $"{preview.StatusCode}: {await preview.Content.ReadAsStringAsync()}");
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("SAMEORIGIN", string.Join(",", preview.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(await DownloadAsync("verifier", record), await preview.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).GetAsync($"/api/documents/{record["id"]!.GetValue<string>()}/preview")).StatusCode);

        var before = await CountAsync();
        var refused = await GenerateAsync("city", $"/api/nominations/{Ids0(DraftFactory)}/documents/verification-record", HttpStatusCode.Conflict);
        Assert.Contains("尚未完成现场核查", refused["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ADistrict_GeneratesAndReadsOnlyItsOwn_AndOnlyTheCityMakesTheCitysPapers()
    {
        var own = await GenerateAsync("shexian", $"/api/documents/district-recommendation?district={Shexian}&year={Year}&type=GreenFactory&format=pdf");
        var before = await CountAsync();
        await GenerateAsync("tunxi", $"/api/documents/district-recommendation?district={Shexian}&year={Year}&type=GreenFactory&format=pdf", HttpStatusCode.NotFound);
        await GenerateAsync("tunxi", $"/api/nominations/{Ids0(InkWorks)}/documents/application-form", HttpStatusCode.NotFound);
        await GenerateAsync("shexian", $"/api/documents/city-recommendation?year={Year}&format=pdf", HttpStatusCode.Forbidden);
        await GenerateAsync("shexian", $"/api/documents/public-notice?year={Year}&format=html", HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountAsync());

        var tunxi = await App.ClientAsync("tunxi");
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.GetAsync($"/api/documents/{own["id"]!.GetValue<string>()}/content")).StatusCode);
        var tunxiList = (await ReadAsync(await tunxi.GetAsync($"/api/documents?year={Year}&pageSize=100"), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.DoesNotContain(tunxiList, d => d!["id"]!.GetValue<string>() == own["id"]!.GetValue<string>());
        var cityList = (await ReadAsync(await (await App.ClientAsync("city")).GetAsync($"/api/documents?year={Year}&pageSize=100"), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Contains(cityList, d => d!["id"]!.GetValue<string>() == own["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStampedScan_IsUploadedAgainstTheGeneratedDocument()
    {
        var letter = await GenerateAsync("shexian", $"/api/documents/district-recommendation?district={Shexian}&year={Year}&type=GreenFactory&format=pdf");
        var id = letter["id"]!.GetValue<string>();
        var scan = UniquePdf(4096);
        var client = await App.ClientAsync("shexian");
        var notPdf = await ReadAsync(await client.PostAsync($"/api/documents/{id}/scan", Form(new byte[300], "盖章件.jpg")), HttpStatusCode.BadRequest);
        Assert.Contains("只接受 PDF", notPdf.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).PostAsync($"/api/documents/{id}/scan", Form(scan, "盖章件.pdf"))).StatusCode);

        var uploaded = await ReadAsync(await client.PostAsync($"/api/documents/{id}/scan", Form(scan, "歙县推荐文件（盖章）.pdf")), HttpStatusCode.OK);
        Assert.Equal("歙县推荐文件（盖章）.pdf", uploaded["scanFileName"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan)), uploaded["scanSha256"]!.GetValue<string>());
        Assert.Equal(scan, await (await (await App.ClientAsync("city")).GetAsync($"/api/documents/{id}/scan")).Content.ReadAsByteArrayAsync());

        var form = await GenerateAsync("shexian", $"/api/nominations/{Ids0(TeaCompany)}/documents/application-form");
        await ReadAsync(await client.PostAsync($"/api/documents/{form["id"]!.GetValue<string>()}/scan", Form(UniquePdf(2048), "申报书盖章件.pdf")), HttpStatusCode.OK);
        Assert.Contains(await HistoryAsync("shexian", Ids0(TeaCompany)), h => h!["action"]!.GetValue<string>() == "上传盖章扫描件");
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return form;
    }

    private static string Ids0(string name) => Ids[name];

    private async Task<JsonArray> ReadArrayAsync(string user, string url)
    {
        var response = await (await App.ClientAsync(user)).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    private Task<int> CountAsync() => App.QueryAsync(db => db.GeneratedDocuments.CountAsync());

    /// <summary>Every row of the first sheet as strings (the header row first).</summary>
    internal static List<string[]> ReadXlsx(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();
    }
}
