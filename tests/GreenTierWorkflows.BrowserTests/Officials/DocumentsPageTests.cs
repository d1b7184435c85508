using System.Text.Json;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// Issue 18 on the pages: 歙县 generates the 申报书 on the nomination page and downloads it; on 文书 (/documents) it
/// generates its 推荐文件 (PDF) and 汇总表 (Excel) for the year and downloads them — the workbook lists the submitted
/// nomination under the 汇总表's columns. Screenshots at 1366×768 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentsPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task District_GeneratesAndDownloads_ItsApplicationForm_RecommendationLetter_AndSummaryTable()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "documents");
        await s.SignInAsync("shexian");
        var (id, applicant) = await SubmittedNominationAsync(s);

        await s.Page.GotoAsync($"/nominations/{id}");
        await s.Page.GetByTestId("generate-application-form").ClickAsync();
        var link = s.Page.GetByTestId("document-link").First;
        await Expect(link).ToContainTextAsync("申报书", new() { Timeout = BrowserSession.Timeout });
        await s.AtWidthsAsync("nomination-documents");
        var form = await s.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await form.FailureAsync());
        Assert.Contains(applicant, form.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith("申报书（第1版）.pdf", form.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(await form.PathAsync())[..5]);

        await s.Page.GotoAsync("/documents");
        await s.Page.GetByTestId("generate-district-pdf").ClickAsync();
        await Expect(s.Page.GetByTestId("document-link").First).ToContainTextAsync("推荐文件（PDF）", new() { Timeout = BrowserSession.Timeout });
        await s.Page.GetByTestId("generate-district-xlsx").ClickAsync();
        var xlsxLink = s.Page.GetByTestId("document-link").Filter(new() { HasText = "XLSX" });
        await Expect(xlsxLink).ToHaveCountAsync(1, new() { Timeout = BrowserSession.Timeout });
        await s.AtWidthsAsync("documents-page");

        var xlsx = await s.Page.RunAndWaitForDownloadAsync(() => xlsxLink.ClickAsync());
        Assert.Null(await xlsx.FailureAsync());
        var rows = Workbooks.Text(await xlsx.PathAsync());
        Assert.Equal(["序号", "县区", "企业名称", "评价机构", "所属行业"], rows[0]);
        Assert.Contains(rows.Skip(1), r => r[1] == "歙县" && r[2] == applicant && r[3] == "无");

        var letter = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByTestId("document-link").Filter(new() { HasText = "PDF" }).First.ClickAsync());
        Assert.Null(await letter.FailureAsync());
        Assert.Contains("推荐文件", letter.SuggestedFilename, StringComparison.Ordinal);
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>A draft for 歙县's next pool member (API), its evaluation report uploaded and submitted on the page (the window is open in demo data).</summary>
    private static async Task<(string Id, string Applicant)> SubmittedNominationAsync(BrowserSession s)
    {
        var member = (await ItemsAsync(s, $"/api/pools?year={Year}&pageSize=100"))
            .First(m => m.GetProperty("targetType").GetString() == "GreenFactory" && m.GetProperty("isActive").GetBoolean()
                && m.GetProperty("openNominationId").ValueKind == JsonValueKind.Null);
        var created = await CreateDraftAsync(s, member);
        var id = created.GetProperty("id").GetString()!;
        await s.Page.GotoAsync($"/nominations/{id}");
        // On a freshly loaded page the file input is wired up by script just after it renders: a file handed to it before
        // that is not seen, so the upload is given again until the material appears (at most three times).
        await Expect(s.Page.GetByTestId("no-documents")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Timeout });
        await Retry.ActUntilAsync(() => MudUi.SetFilesWhenWiredAsync(s.Page.Locator("[data-testid=materials] input[type=file]"), MudUi.Pdf("评价报告.pdf")),
            () => Expect(s.Page.Locator("[data-testid=material-link]")).ToHaveTextAsync("评价报告.pdf", new() { Timeout = 15_000 }), attempts: 3);
        await s.Page.GetByTestId("submit").ClickAsync();
        await MudUi.ConfirmAsync(s.Page, "确定提交本申报（区县推荐）？");
        await Expect(s.Page.Locator("[data-testid=status-chip]").First).ToContainTextAsync("市级评审");
        return (id, created.GetProperty("applicantName").GetString()!);
    }
}
