using System.Net;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// The in-page PDF preview: a material (and a generated document, in DocumentGenerationTests) served inline with its file
/// name, framable by the app's own pages only, under exactly the download's rules (another district gets 404); the
/// download itself stays an attachment that nothing may frame.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class PdfPreviewTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task MaterialPreview_IsInlineAndFramableBySameOriginOnly_UnderTheDownloadsScope()
    {
        var id = await DraftAsync("shexian", "341021", "歙县材料预览测试企业");
        var content = UniquePdf(1800);
        var material = await ReadAsync(await UploadAsync("shexian", id, content, "评价报告（终稿）.pdf"), HttpStatusCode.Created);
        var url = $"/api/nominations/{id}/materials/{material["id"]!.GetValue<string>()}";

        var preview = await (await App.ClientAsync("shexian")).GetAsync(url + "/preview");

        Assert.True(preview.StatusCode == HttpStatusCode.OK, $"{preview.StatusCode}: {await preview.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        var disposition = preview.Content.Headers.ContentDisposition;
        Assert.Equal(("inline", "评价报告（终稿）.pdf"), (disposition?.DispositionType, disposition?.FileNameStar));
        Assert.Equal("SAMEORIGIN", string.Join(",", preview.Headers.GetValues("X-Frame-Options")));
        var policy = string.Join(",", preview.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.DoesNotContain("frame-ancestors 'none'", policy);
        Assert.Equal(content, await preview.Content.ReadAsByteArrayAsync());

        // The download is unchanged: an attachment, never framed.
        var download = await (await App.ClientAsync("shexian")).GetAsync(url);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("DENY", string.Join(",", download.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", download.Headers.GetValues("Content-Security-Policy")));

        // Another district previews nothing: the same 404 as its download.
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).GetAsync(url + "/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).GetAsync(url)).StatusCode);
        // The city sees every district's materials.
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientAsync("city")).GetAsync(url + "/preview")).StatusCode);
    }
}
