using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// The whole path of a green-factory nomination through the officials' pages, each role in its own browser: 歙县 files and
/// submits; the city returns it with a reason; 歙县 corrects the data, replaces the evaluation report (the first version
/// stays visible as 已被替换) and resubmits; the city approves; the verification team records a pass;
/// the city recommends it within quota; the provincial liaison records the provincial result.
/// Screenshots of every step are kept in artifacts/browser/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NominationPathTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private const string ReturnReason = "评价报告缺少近三年能耗数据，请补充后重新提交。";

    [Fact]
    public async Task GreenFactory_GoesFromShexianToProvincialList_ThroughEveryOfficialsPage()
    {
        await using var district = await SignedInAsync("path-1-shexian", "shexian");
        var page = district.Page;

        // 1. 歙县 creates the nomination from its pool, uploads the evaluation report and submits.
        var applicant = await CreateDraftAsync(district, lastMember: false);
        await Retry.ClickUntilVisibleAsync(page.Locator("[data-testid=submit]"), page.Locator("[data-testid=confirm-attachments]"));
        await Expect(page.Locator("[data-testid=confirm-attachments]")).ToContainTextAsync("评价报告");
        await district.StepAsync("district-submit-confirm");
        await MudUi.ConfirmAsync(page, "确定提交本申报（区县推荐）？");
        await Expect(page.Locator("[data-testid=status-chip]").First).ToContainTextAsync("市级评审");
        await district.StepAsync("district-submitted");

        // 2. The city reviewer returns it with a reason (a comment is required for a return).
        await using var city = await SignedInAsync("path-2-city", "city");
        await OpenTaskAsync(city, applicant, "市级评审");
        // The reviewer sees who is applying: the registry basics and the listings so far.
        await Expect(city.Page.Locator("[data-testid=applicant-credit-code]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9A-Z]{18}$"));
        await Expect(city.Page.Locator("[data-testid=applicant-listings]")).ToHaveTextAsync("尚未列入绿色制造名单");
        // The refusal is idempotent: a click lost to a render is clicked again until the form says what is missing.
        await Retry.ActUntilAsync(() => city.Page.Locator("[data-testid='outcome-退回修改']").ClickAsync(),
            () => Expect(city.Page.Locator("[data-testid=decision-form]")).ToContainTextAsync("必须填写意见", new() { Timeout = 10_000 }));
        await city.StepAsync("city-return-needs-reason");
        await city.Page.Locator("textarea").FillAsync(ReturnReason);
        // The return asks first, naming the decision, the nomination and the reason; Escape takes it back unsent.
        await Retry.ClickUntilVisibleAsync(city.Page.Locator("[data-testid='outcome-退回修改']"), city.Page.Locator("[data-testid=confirm-question]"));
        await Expect(city.Page.Locator("[data-testid=confirm-question]")).ToHaveTextAsync("确定作出『退回修改』决定？");
        await Expect(city.Page.Locator("[data-testid=confirm-subject]")).ToContainTextAsync(applicant);
        await Expect(city.Page.Locator("[data-testid=confirm-comment]")).ToHaveTextAsync(ReturnReason);
        await city.StepAsync("city-return-confirm");
        await city.Page.Keyboard.PressAsync("Escape");
        await Expect(city.Page.Locator("[data-testid=confirm-question]")).ToHaveCountAsync(0);
        await Expect(city.Page.Locator("[data-testid=decision-form]")).ToBeVisibleAsync();
        Assert.Contains("/tasks/", city.Page.Url);
        // From the keyboard: the outcome button, Enter, then 确认提交 with Enter.
        // Closing the dialog re-renders the form; an Enter landing in that render is dropped, so it is pressed again (never
        // while the dialog is open) until the dialog shows.
        await Retry.ActUntilAsync(
            async () =>
            {
                if (await city.Page.Locator("[data-testid=confirm-question]").CountAsync() > 0) return;
                await city.DomSettledAsync();
                await city.Page.Locator("[data-testid='outcome-退回修改']").FocusAsync();
                await city.Page.Keyboard.PressAsync("Enter");
            },
            () => Expect(city.Page.Locator("[data-testid=confirm-question]")).ToBeVisibleAsync(new() { Timeout = 10_000 }));
        // The dialog moves focus into itself once it has opened (its focus trap): focus 确认提交 after that, and press Enter
        // only while it still has the focus (on a loaded machine the trap's move can come after a first focus).
        var confirmOk = city.Page.Locator("[data-testid=confirm-ok]");
        await Expect(confirmOk).ToBeVisibleAsync();
        for (var attempt = 1; ; attempt++)
        {
            await confirmOk.FocusAsync();
            await city.Page.WaitForTimeoutAsync(500);
            if (await confirmOk.EvaluateAsync<bool>("b => document.activeElement === b")) break;
            Assert.True(attempt < 10, "确认提交 never kept the keyboard focus");
        }
        await city.Page.Keyboard.PressAsync("Enter");
        await ReturnedToInboxAsync(city.Page);
        await city.StepAsync("city-returned");

        // 3. 歙县 sees the reason, adds the missing data and resubmits.
        await page.GotoAsync("/tasks");
        await OpenTaskAsync(district, applicant, "退回修改");
        // The reason stands at the top of the return task, with who returned it, when and at which stage.
        var banner = page.Locator("[data-testid=return-reason]");
        await Expect(banner).ToContainTextAsync(ReturnReason);
        await Expect(banner).ToContainTextAsync("在「市级评审」环节退回");
        Assert.True(await banner.EvaluateAsync<bool>("b => b.getBoundingClientRect().top < document.querySelector('[data-testid=decision-form]').getBoundingClientRect().top"),
            "the return reason must come before the decision form");
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync(ReturnReason);
        await district.StepAsync("district-sees-return-reason");
        await district.AtWidthsAsync("return-task");
        // The returned data is corrected on the task itself (编辑申报信息), under the creation rules: a refusal at its field, then the change.
        var edit = page.GetByRole(AriaRole.Dialog);
        await Retry.ClickUntilVisibleAsync(page.Locator("[data-testid=edit-nomination]"), edit);
        await Expect(edit).ToContainTextAsync("编辑申报信息");
        await Expect(edit.Locator("#score")).ToHaveValueAsync("86.5");
        await edit.Locator("[data-testid=edit-negative-3]").Locator("xpath=descendant-or-self::input").UncheckAsync();
        await edit.Locator("#score").FillAsync("88");
        await edit.Locator("[data-testid=edit-save]").ClickAsync();
        await Expect(edit.Locator("[data-testid=edit-negativeList-error]")).ToContainTextAsync("负面清单第 3 项");
        await district.AtWidthsAsync("return-task-edit-refused");
        await edit.Locator("[data-testid=edit-negative-3]").Locator("xpath=descendant-or-self::input").CheckAsync();
        await edit.Locator("[data-testid=edit-save]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("修改申报信息");
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("得分：86.5 → 88");
        await Expect(page.Locator("[data-testid=summary-score]")).ToContainTextAsync("88");
        await district.AtWidthsAsync("return-task-edited");
        await ReplaceReportAsync(district);
        await page.Locator("[data-testid=materials]").ScrollIntoViewIfNeededAsync();
        await AssertMaterialsStackedOnAPhoneAsync(district);
        await district.AtWidthsAsync("return-task-materials");
        await page.Locator("textarea").FillAsync("已补充 2023–2025 年能耗数据。");
        await Retry.ClickUntilVisibleAsync(page.Locator("[data-testid='outcome-重新提交']"), page.Locator("[data-testid=confirm-question]"));
        await Expect(page.Locator("[data-testid=confirm-question]")).ToContainTextAsync("确定作出『重新提交』决定？");
        await MudUi.ConfirmAsync(page, "确定作出『重新提交』决定？");
        await ReturnedToInboxAsync(page);
        await district.StepAsync("district-resubmitted");

        // The city reviewer sees one 评价报告: the new version, the first one folded away as 已被替换.
        await OpenTaskAsync(city, applicant, "市级评审");
        await Expect(city.Page.Locator("[data-testid=material-link]")).ToHaveTextAsync(ReplacedReport);
        await Expect(city.Page.Locator("[data-testid=material-version]")).ToHaveTextAsync("v2 当前版本");
        await Expect(city.Page.Locator("[data-testid=material-history]")).ToContainTextAsync("历史版本（1）");
        await Expect(city.Page.Locator("[data-testid=material-upload]")).ToHaveCountAsync(0);

        // 4. The city approves; 5. the verification team records a pass; 6. the city recommends it within quota.
        await DecideAsync(city, "city-approves", applicant, "市级评审", "通过", null);
        await using var verifier = await SignedInAsync("path-5-verifier", "verifier");
        await VerifyOnSiteAsync(verifier, applicant);
        await OpenTaskAsync(city, applicant, "市级推荐");
        await Expect(city.Page.Locator("[data-testid=quota]")).ToContainTextAsync("已推荐 0 个");
        await DecideAsync(city, "city-recommends", applicant, "市级推荐", "通过", null);

        // 7. The provincial liaison records the provincial result.
        await using var province = await SignedInAsync("path-7-province", "province");
        await DecideAsync(province, "province-lists", applicant, "省级评审", "通过", "列入 2026 年省级绿色工厂名单。");

        // The district sees the result and the whole history.
        await page.GotoAsync("/nominations");
        await page.Locator("[data-testid=nomination-link]").Filter(new() { HasText = applicant }).ClickAsync();
        await Expect(page.Locator("[data-testid=status-chip]").First).ToContainTextAsync("已列入省级名单");
        var history = page.Locator("[data-testid=history]");
        foreach (var step in new[] { "退回修改", "修改申报信息", "重新提交", "现场核查", "市级推荐", "省级评审" })
            await Expect(history).ToContainTextAsync(step);
        // One line per human action, newest first; what the workflow recorded by itself is folded away.
        var entries = history.Locator("[data-testid=history-entry]");
        await Expect(entries.First).ToContainTextAsync("省级评审");
        await Expect(entries.Last).ToContainTextAsync("创建申报");
        await Expect(history.Locator("[data-kind=system]")).ToHaveCountAsync(0);
        await Expect(history).Not.ToContainTextAsync("系统（工作流）");
        await Expect(history).Not.ToContainTextAsync("green-factory-nomination");
        var humanLines = await entries.CountAsync();
        await Expect(page.Locator("[data-testid=workflow-position]")).ToContainTextAsync("流程：绿色工厂申报 v1");
        await history.GetByText("显示系统记录").ClickAsync();
        await Expect(history.Locator("[data-kind=system]").First).ToContainTextAsync("流程：绿色工厂申报 v1");
        Assert.True(await entries.CountAsync() > humanLines, "显示系统记录 must add the workflow's own lines");
        await district.StepAsync("district-history-with-system-lines");
        await district.AtWidthsAsync("nomination-detail");
        await history.GetByText("显示系统记录").ClickAsync();
        await Expect(history.Locator("[data-kind=system]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=material-link]").Filter(new() { HasText = ReplacedReport })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=material-superseded]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=materials]")).ToContainTextAsync("现场核查记录.pdf");
        await page.Locator("[data-testid=material-history] summary").ClickAsync();
        await Expect(page.Locator("[data-testid=material-superseded]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=material-superseded]")).ToContainTextAsync("已被替换");
        await Expect(history).ToContainTextAsync("替换材料");
        await page.Locator("[data-testid=materials]").ScrollIntoViewIfNeededAsync();
        await district.AtWidthsAsync("nomination-material-versions");
        await AssertMaterialsStackedOnAPhoneAsync(district);
        // The checklist answered on site, read-only on the nomination page and under the verifier's line of the history.
        var records = page.Locator("[data-testid=checklist-records]");
        await Expect(records.Locator("[data-testid=checklist-answer]")).ToHaveCountAsync(8);
        await Expect(records.Locator("[data-testid=checklist-answer][data-code=CP-01]")).ToContainTextAsync("不适用");
        await Expect(records.Locator("[data-testid=checklist-answer][data-code=CP-01]")).ToContainTextAsync(NotApplicableNote);
        await Expect(records.Locator("[data-testid=checklist-record-caption]")).ToContainTextAsync("结果：通过");
        var onSiteLine = history.Locator("[data-testid=history-entry]").Filter(new() { Has = page.Locator("[data-testid=history-checklist]") });
        await Expect(onSiteLine).ToHaveCountAsync(1);
        await Expect(onSiteLine).ToContainTextAsync("现场核查");
        await onSiteLine.Locator("summary").ClickAsync();
        await Expect(onSiteLine.Locator("[data-testid=checklist-answer][data-code=GL-01]")).ToContainTextAsync("符合");
        await records.ScrollIntoViewIfNeededAsync();
        await district.AtWidthsAsync("nomination-onsite-checklist");
        await Expect(page.Locator("[data-testid=applicant-listings]")).ToContainTextAsync("年列入省级绿色工厂名单");
        // Uploaders are named by their unit, not their sign-in name.
        await Expect(page.Locator("[data-testid=materials]")).ToContainTextAsync("歙县经信局");
        await Expect(page.Locator("[data-testid=materials]")).Not.ToContainTextAsync("shexian");
        await district.StepAsync("district-sees-provincial-listing");

        // A material previewed inside the page: a dialog framing the inline preview (no CSP refusal in the console).
        var frame = page.Locator("[data-testid=pdf-preview-frame]");
        await Retry.ClickUntilVisibleAsync(
            page.Locator("[data-testid=materials] tr").Filter(new() { HasText = "现场核查记录.pdf" }).Locator("[data-testid=material-preview]"), frame);
        await Expect(frame).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/nominations/[^/]+/materials/[^/]+/preview$"));
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("预览：现场核查记录.pdf");
        await district.AtWidthsAsync("material-preview");
        await page.Locator("[data-testid=pdf-preview-close]").ClickAsync();
        await Expect(frame).ToHaveCountAsync(0);

        // A designer follows the nomination into Studio's instance viewer.
        await using var designer = await BrowserSession.StartAsync(browser, app, "path-8-designer");
        await designer.Page.GotoAsync(page.Url);
        await designer.SignInAsync("designer");
        var studioLink = designer.Page.Locator("[data-testid=studio-instance-link]");
        await Expect(studioLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/studio/instances/[0-9a-f]+$"));
        await Expect(page.Locator("[data-testid=studio-instance-link]")).ToHaveCountAsync(0);

        foreach (var s in new[] { district, city, verifier, province }) s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task Nomination_IsNotShownToAnotherDistrict_WhenItsUrlIsOpened()
    {
        await using var shexian = await SignedInAsync("scope-shexian", "shexian");
        var applicant = await CreateDraftAsync(shexian, lastMember: true);
        var url = shexian.Page.Url;
        var materialUrl = await shexian.Page.Locator("[data-testid=material-link]").GetAttributeAsync("href");
        Assert.NotNull(materialUrl);

        await using var tunxi = await SignedInAsync("scope-tunxi", "tunxi");
        await tunxi.Page.GotoAsync(url);
        await Expect(tunxi.Page.Locator("[data-testid=not-found]")).ToHaveTextAsync("申报不存在或无权访问。");
        await Expect(tunxi.Page.GetByText(applicant)).ToHaveCountAsync(0);
        await tunxi.StepAsync("tunxi-opens-shexian-url");
        var download = await tunxi.Context.APIRequest.GetAsync(app.BaseUrl + materialUrl);
        Assert.Equal(404, download.Status);
        await tunxi.Page.GotoAsync("/nominations");
        await Expect(tunxi.Page.Locator("[data-testid=nomination-link]").Filter(new() { HasText = applicant })).ToHaveCountAsync(0);

        // The owner still sees it (the refusal is about scope, not a broken page).
        await shexian.Page.GotoAsync(url);
        await Expect(shexian.Page.Locator("[data-testid=applicant]")).ToHaveTextAsync(applicant);

        // …and may delete the draft, after a confirmation naming it and its materials.
        await shexian.Page.Locator("[data-testid=delete-draft]").ClickAsync();
        await Expect(shexian.Page.Locator("[data-testid=confirm-attachments]")).ToContainTextAsync("评价报告.pdf");
        await Expect(shexian.Page.Locator("[data-testid=confirm-ok]")).ToHaveTextAsync("确认删除");
        await Expect(shexian.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("删除后不可恢复");
        await shexian.StepAsync("delete-draft-confirm");
        await MudUi.ConfirmAsync(shexian.Page, "确定删除本申报草稿？");
        await Expect(shexian.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/nominations$"));
        await Expect(shexian.Page.Locator("[data-testid=nomination-link]").Filter(new() { HasText = applicant })).ToHaveCountAsync(0);
        Assert.Equal(404, (await shexian.Context.APIRequest.GetAsync(url.Replace("/nominations/", "/api/nominations/"))).Status);
        tunxi.AssertNoExternalRequestsOrConsoleErrors();
        shexian.AssertNoExternalRequestsOrConsoleErrors();
    }

    private const string NotApplicableNote = "产品为中间品，未开展生态设计。";
    private const string ReplacedReport = "评价报告（补充能耗数据）.pdf";

    /// <summary>
    /// At 390 px the materials are cards, not a four-column table: every file name keeps to at most two lines (in a table
    /// column it wrapped onto three or four).
    /// </summary>
    private static async Task AssertMaterialsStackedOnAPhoneAsync(BrowserSession session)
    {
        var page = session.Page;
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        try
        {
            var links = page.Locator("[data-testid=material-link]");
            await Expect(links.First).ToBeVisibleAsync();
            double[][] lines = [];
            for (var attempt = 0; attempt < 20; attempt++)
            {
                lines = await links.EvaluateAllAsync<double[][]>(
                    "all => all.map(a => { const r = a.getBoundingClientRect(); const s = getComputedStyle(a); return [r.height, parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.5]; })");
                if (lines.All(l => l[0] <= 2.2 * l[1])) break;
                await page.WaitForTimeoutAsync(250);
            }
            var names = await links.AllInnerTextsAsync();
            Assert.True(lines.All(l => l[0] <= 2.2 * l[1]), "file names wrap onto more than two lines at 390 px: " +
                string.Join("; ", names.Zip(lines, (n, l) => $"{n} {l[0]:0} px high, line {l[1]:0} px")));
            // Nothing in the panel (the upload row's 「替换「…」」 choice included) is wider than the phone.
            var widths = await page.Locator("[data-testid=materials]").EvaluateAsync<double[]>("p => [p.scrollWidth, p.clientWidth, p.getBoundingClientRect().right]");
            Assert.True(widths[0] <= widths[1] + 1 && widths[2] <= 391, $"the materials panel is wider than 390 px: content {widths[0]} px in {widths[1]} px, right edge at {widths[2]} px");
        }
        finally
        {
            if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);
            // The width re-renders the page over the circuit: the next step's click must not land during that render.
            await session.DomSettledAsync();
        }
    }

    /// <summary>
    /// 3b. On the return task the district files the corrected evaluation report into the nomination's materials — replacing
    /// the first one, not attaching it to the decision: a file that is not a PDF is refused at the field and replaces
    /// nothing; the PDF becomes v2 and the first version stays, folded under 「历史版本（1）」 and marked 已被替换.
    /// </summary>
    private static async Task ReplaceReportAsync(BrowserSession district)
    {
        var page = district.Page;
        await Expect(page.Locator("[data-testid=decision-form] input[type=file]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=material-target-hint]")).ToHaveTextAsync("新文件将替换「评价报告.pdf」（v1），原文件保留为「已被替换」的历史版本。");
        // MudFileUpload adds a fresh input after each pick: the newest one is the live one.
        var input = page.Locator("[data-testid=material-upload] input[type=file]").Last;
        await MudUi.SetFilesWhenWiredAsync(input, new FilePayload { Name = ReplacedReport, MimeType = "application/pdf", Buffer = "不是 PDF"u8.ToArray() });
        await Expect(page.Locator("[data-testid=upload-error]")).ToHaveTextAsync("只接受 PDF 文件（盖章扫描件）。");
        await Expect(page.Locator("[data-testid=material-link]")).ToHaveTextAsync("评价报告.pdf");
        await Expect(page.Locator("[data-testid=material-superseded]")).ToHaveCountAsync(0);
        await MudUi.SetFilesWhenWiredAsync(input, new FilePayload
        {
            Name = ReplacedReport, MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n% 2023-2025 energy data\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray(),
        });
        await Expect(page.Locator("[data-testid=material-link]")).ToHaveTextAsync(ReplacedReport, new() { Timeout = BrowserSession.Timeout });
        await Expect(page.Locator("[data-testid=upload-error]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=material-version]")).ToHaveTextAsync("v2 当前版本");
        var versions = page.Locator("[data-testid=material-history]");
        await Expect(versions).ToContainTextAsync("历史版本（1）");
        await versions.Locator("summary").ClickAsync();
        var old = versions.Locator("[data-testid=material-superseded]");
        await Expect(old).ToBeVisibleAsync();
        await Expect(old).ToContainTextAsync("已被替换");
        await Expect(old.Locator("[data-testid=superseded-link]")).ToHaveTextAsync("评价报告.pdf");
        await Expect(old).ToContainTextAsync("歙县经信局");
        await Expect(old).ToContainTextAsync("SHA-256");
        await Expect(old).Not.ToContainTextAsync("shexian");
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync($"评价报告（v2）：评价报告.pdf → {ReplacedReport}");
        await page.Locator("[data-testid=materials]").ScrollIntoViewIfNeededAsync();
        await district.AtWidthsAsync("return-task-material-replaced");
    }

    /// <summary>
    /// 5. The verification team answers the checklist item by item: 通过 with nothing answered is refused at each required
    /// item before anything is sent; then every item is answered (CP-01 不适用 with a note), the record attached, and the
    /// confirmation states the checklist.
    /// </summary>
    private static async Task VerifyOnSiteAsync(BrowserSession verifier, string applicant)
    {
        var page = verifier.Page;
        await OpenTaskAsync(verifier, applicant, "现场核查");
        var items = page.Locator("[data-testid=checklist-item]");
        await Expect(items).ToHaveCountAsync(8);
        await page.Locator("[data-testid='outcome-通过']").ClickAsync();
        await Expect(items.Filter(new() { HasText = "GL-01" })).ToContainTextAsync("必核项「GL-01");
        await Expect(page.Locator("[data-testid=confirm-question]")).ToHaveCountAsync(0);
        await verifier.StepAsync("verifier-checklist-required");
        for (var i = 0; i < 8; i++)
        {
            var item = items.Nth(i);
            var notApplicable = await item.GetAttributeAsync("data-code") == "CP-01";
            // A click, then the checked state once the server has rendered it (CheckAsync looks at once, too early under load);
            // a click that landed while the previous answer re-rendered the form is lost, so it is clicked again (a radio stays chosen).
            var verdict = item.GetByRole(AriaRole.Radio, new() { Name = notApplicable ? "不适用" : "符合", Exact = true });
            await Retry.ActUntilAsync(() => verdict.ClickAsync(new() { Force = true }), () => Expect(verdict).ToBeCheckedAsync(new() { Timeout = 20_000 }));
            if (notApplicable) await item.Locator("[data-testid=checklist-note]").Locator("xpath=descendant-or-self::input").FillAsync(NotApplicableNote);
        }
        await Expect(items.Filter(new() { HasText = "GL-01" }).Locator(".mud-input-error")).ToHaveCountAsync(0);
        await page.Locator("textarea").FillAsync("现场核查符合要求。");
        await MudUi.SetFilesWhenWiredAsync(page.Locator("input[type=file]"), MudUi.Pdf("现场核查记录.pdf"));
        await Expect(page.Locator("[data-testid=decision-attachments]")).ToContainTextAsync("现场核查记录.pdf");
        await verifier.AtWidthsAsync("verifier-checklist-answered");
        // The two widths re-render the page: a click that lands during that render is lost, so it is clicked again while no
        // confirmation has opened.
        await Retry.ClickUntilVisibleAsync(page.Locator("[data-testid='outcome-通过']"), page.Locator("[data-testid=confirm-question]"));
        await Expect(page.Locator("[data-testid=confirm-checklist]")).ToHaveTextAsync("符合 7 项，不适用 1 项");
        await MudUi.ConfirmAsync(page, "确定作出『通过』决定？");
        await ReturnedToInboxAsync(page);
        await Expect(page.Locator("[data-testid=task-link]").Filter(new() { HasText = $"{applicant}：现场核查" })).ToHaveCountAsync(0);
    }

    /// <summary>Fills the new-nomination form (first or last pool member), saves the draft and uploads the evaluation report.</summary>
    private static async Task<string> CreateDraftAsync(BrowserSession district, bool lastMember)
    {
        var page = district.Page;
        await page.GotoAsync("/nominations");
        await page.Locator("[data-testid=new-nomination]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("新建申报");
        var applicant = await MudUi.SelectFirstAsync(page, "member", lastMember);
        await page.Locator("#evaluator").FillAsync("安徽省节能环保评价中心");
        await page.Locator("#score").FillAsync("86.5");
        for (var i = 1; i <= 6; i++) await page.Locator($"[data-testid=negative-{i}]").Locator("xpath=descendant-or-self::input").CheckAsync();
        Assert.True(await MudUi.RendersChineseAsync(page), "CJK glyphs do not render (missing fonts: run scripts/setup-test-deps.sh).");
        await district.StepAsync("district-draft-form");
        await page.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(applicant);
        await MudUi.SetFilesWhenWiredAsync(page.Locator("input[type=file]"), MudUi.Pdf("评价报告.pdf"));
        await Expect(page.Locator("[data-testid=material-link]")).ToHaveTextAsync("评价报告.pdf");
        return applicant;
    }

    private async Task<BrowserSession> SignedInAsync(string name, string user)
    {
        var session = await BrowserSession.StartAsync(browser, app, name);
        await session.Page.GotoAsync("/tasks");
        await session.SignInAsync(user);
        await Expect(session.Page.Locator("h1")).ToContainTextAsync("我的待办");
        return session;
    }

    /// <summary>
    /// A decided task returns to the inbox. Blazor navigates inside the page, so the URL is polled (an expectation) rather
    /// than awaited as a navigation event, which can slip past a waiter registered after the click when the machine is busy.
    /// </summary>
    private static Task ReturnedToInboxAsync(IPage page) =>
        Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tasks$"), new() { Timeout = 60_000 });

    /// <summary>Opens the inbox and the task of the applicant at the stage.</summary>
    private static async Task OpenTaskAsync(BrowserSession session, string applicant, string stage)
    {
        var page = session.Page;
        await page.GotoAsync("/tasks");
        var link = page.Locator("[data-testid=task-link]").Filter(new() { HasText = $"{applicant}：{stage}" });
        await Expect(link).ToHaveCountAsync(1);
        await link.ClickAsync();
        await Expect(page.Locator("[data-testid=task-stage]")).ToHaveTextAsync(stage);
    }

    private static async Task DecideAsync(BrowserSession session, string step, string applicant, string stage, string outcome, string? comment,
        string? attachment = null)
    {
        await OpenTaskAsync(session, applicant, stage);
        if (comment is not null) await session.Page.Locator("textarea").FillAsync(comment);
        if (attachment is not null)
        {
            await MudUi.SetFilesWhenWiredAsync(session.Page.Locator("input[type=file]"), MudUi.Pdf(attachment));
            await Expect(session.Page.Locator("[data-testid=decision-attachments]")).ToContainTextAsync(attachment);
        }
        await session.StepAsync(step);
        await Retry.ClickUntilVisibleAsync(session.Page.Locator($"[data-testid='outcome-{outcome}']"), session.Page.Locator("[data-testid=confirm-question]"));
        await MudUi.ConfirmAsync(session.Page, $"确定作出『{outcome}』决定？");
        await ReturnedToInboxAsync(session.Page);
        await Expect(session.Page.Locator("[data-testid=task-link]").Filter(new() { HasText = $"{applicant}：{stage}" })).ToHaveCountAsync(0);
    }
}
