using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 通知发件箱 (/admin/outbox, issue 17 item 7): with no mail server the demo's window notices become dead letters; the
/// administrator finds them under 发送失败（死信） with recipient, subject, attempts and the last error, puts one back in the
/// queue with 重新发送 after a confirmation (Escape takes it back), and the status filter stays in the URL. Other roles
/// get no nav entry and no page. The list pages in the database, 20 a page, with the page in the URL.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutboxPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Admin_SeesDeadLetters_WithSubjectAndLastError_AndRequeuesOneAfterConfirming()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "outbox-admin");
        await s.Page.SetViewportSizeAsync(1366, 768);
        await s.SignInAsync("admin");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "通知发件箱" }).ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("/admin/outbox$"));
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("通知发件箱");

        // The monitor queues the window notices shortly after start; the dispatcher fails each once (no mail server): poll.
        var rows = s.Page.Locator("[data-testid=outbox-table] tbody tr").Filter(new() { Has = s.Page.Locator("[data-testid=outbox-retry]") });
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await rows.CountAsync() == 0)
        {
            if (DateTime.UtcNow >= deadline)
                Assert.Fail($"no dead letter appeared on /admin/outbox within 120 s; the page shows: {await s.Page.Locator("body").InnerTextAsync()}\n{app.Log}");
            await Task.Delay(2000);
            await s.Page.GotoAsync("/admin/outbox?status=DeadLetter");
            await Expect(s.Page.Locator("[data-testid=outbox-total]")).ToBeVisibleAsync();
        }
        var row = rows.First;
        await Expect(s.Page.Locator("[data-testid=outbox-status]")).ToContainTextAsync("发送失败（死信）");
        await Expect(row.Locator("[data-testid=outbox-status-chip]")).ToHaveCountAsync(0); // the filter names the status; the column is shown under 全部
        await Expect(row.Locator("[data-testid=outbox-subject]")).ToContainTextAsync("【");
        await Expect(row.Locator("[data-testid=outbox-last-error]")).ToContainTextAsync("邮件服务器拒绝连接");
        var before = await rows.CountAsync();
        await s.AtWidthsAsync("outbox-dead-letters");

        // 重新发送 asks first; Escape sends nothing. (A click that raced the table's render is clicked again.)
        await Retry.ClickUntilVisibleAsync(row.Locator("[data-testid=outbox-retry]"), s.Page.Locator("[data-testid=confirm-question]"));
        await Expect(s.Page.Locator("[data-testid=confirm-question]")).ToContainTextAsync("确定将这封通知重新排队发送？已尝试 1 次");
        await Expect(s.Page.Locator("[data-testid=confirm-subject]")).ToContainTextAsync("【");
        await s.StepAsync("outbox-retry-confirm");
        await s.Page.Keyboard.PressAsync("Escape");
        await Expect(s.Page.Locator("[data-testid=confirm-question]")).ToHaveCountAsync(0);
        await row.Locator("[data-testid=outbox-retry]").ClickAsync();
        await s.Page.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Expect(s.Page.GetByText("已重新排队：")).ToBeVisibleAsync();
        // Requeued: it left the dead letters (it may fail again later and come back with attempts from 1).
        await s.Page.GotoAsync("/admin/outbox?status=All");
        await Expect(s.Page.Locator("[data-testid=outbox-table]")).ToContainTextAsync("【");
        await s.Page.ReloadAsync();
        await Expect(s.Page.Locator("[data-testid=outbox-table]")).ToContainTextAsync("【");
        await Expect(s.Page.Locator("[data-testid=outbox-status-chip]").First).ToBeVisibleAsync();
        Assert.Contains("status=All", s.Page.Url);
        var audited = await s.Context.APIRequest.GetAsync(app.BaseUrl + "/api/outbox?status=DeadLetter&pageSize=1");
        Assert.Equal(200, audited.Status);
        s.AssertNoExternalRequestsOrConsoleErrors();

        await using var city = await BrowserSession.StartAsync(browser, app, "outbox-city");
        await city.SignInAsync("city");
        await Expect(city.Page.GetByRole(AriaRole.Link, new() { Name = "通知发件箱" })).ToHaveCountAsync(0);
        await city.Page.GotoAsync("/admin/outbox");
        await Expect(city.Page.Locator("[data-testid=outbox-table]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_PagesThroughTheOutbox_TwentyAPage_WithThePageInTheUrl()
    {
        // 25 old sent notices written straight into the app's SQLite file (the dispatcher never touches sent ones).
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.TempDirectory, "data", "greentier.db")}"))
        {
            await db.OpenAsync();
            for (var i = 1; i <= 25; i++)
            {
                var command = db.CreateCommand();
                command.CommandText = """
                    INSERT INTO OutboxNotices (Id, Kind, DedupKey, RecipientEmail, RecipientName, ModelJson, CreatedAt, Status, Attempts, NextAttemptAt, SentAt, MessageId)
                    VALUES ($id, 'window-opened', $id, $email, $name, '{}', $at, 'Sent', 1, $at, $at, $id || '@greentier.local')
                    """;
                command.Parameters.AddWithValue("$id", $"paging-test-{i:00}");
                command.Parameters.AddWithValue("$email", $"paging{i:00}@example.test");
                command.Parameters.AddWithValue("$name", $"分页测试{i:00}");
                command.Parameters.AddWithValue("$at", $"2020-01-{i:00}T00:00:00.0000000Z");
                await command.ExecuteNonQueryAsync();
            }
        }

        await using var s = await BrowserSession.StartAsync(browser, app, "outbox-paging");
        await s.Page.SetViewportSizeAsync(1366, 768);
        await s.SignInAsync("admin");
        await s.Page.GotoAsync("/admin/outbox?status=Sent");
        var pager = s.Page.Locator("[data-testid=outbox-pager]");
        await Expect(pager).ToContainTextAsync("第 1–20 条，共 25 条");
        await Expect(s.Page.Locator("[data-testid=outbox-table] tbody tr")).ToHaveCountAsync(20);
        await Expect(s.Page.Locator("[data-testid=outbox-table]")).ToContainTextAsync("分页测试25"); // newest first

        await s.Page.Locator("button[aria-label='下一页']").First.ClickAsync();
        await Expect(pager).ToContainTextAsync("第 21–25 条，共 25 条");
        await Expect(s.Page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(s.Page.Locator("[data-testid=outbox-table]")).ToContainTextAsync("分页测试01");
        await s.AtWidthsAsync("outbox-page-2");

        // The link reproduces the view; a status change starts again at page 1.
        await s.Page.ReloadAsync();
        await Expect(pager).ToContainTextAsync("第 21–25 条，共 25 条");
        await s.Page.GotoAsync("/admin/outbox?status=All");
        await Expect(s.Page.Locator("[data-testid=outbox-total]")).ToContainTextAsync("最新的在前");
        Assert.DoesNotContain("page=", s.Page.Url);
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
