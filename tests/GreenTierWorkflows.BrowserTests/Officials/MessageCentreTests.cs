using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 消息中心 (issue 17 item 8): the demo's notices to the district (window digest, reminders) reach its account as messages as well as mails; the
/// bell in the app bar shows the unread count, opens /messages (unread bold), a message shows the mail's text and the count
/// drops; 只看未读 stays in the URL and 全部标为已读 empties it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageCentreTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task District_SeesTheUnreadCount_OpensAMessage_AndTheCountDrops()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "messages-district");
        await s.Page.SetViewportSizeAsync(1366, 768);
        await s.SignInAsync("shexian");
        var bell = s.Page.Locator("[data-testid=message-bell]");

        // The window monitor queues the demo's digest shortly after start: wait for the bell to count it.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        int unread;
        while (!int.TryParse(await bell.GetAttributeAsync("data-unread", new() { Timeout = BrowserSession.Timeout }), out unread) || unread == 0)
        {
            if (DateTime.UtcNow >= deadline)
                Assert.Fail($"the bell counted no unread message within 120 s; the page shows: {await s.Page.Locator("body").InnerTextAsync()}\n{app.Log}");
            await Task.Delay(2000);
            await s.Page.ReloadAsync();
        }
        await Expect(bell).ToHaveAttributeAsync("aria-label", $"消息中心（{unread} 条未读）");
        await Expect(s.Page.Locator("[data-testid=message-bell-badge]")).ToContainTextAsync(unread.ToString());

        // The bell opens the message centre (a click lost to a re-render is clicked again).
        for (var attempt = 1; !s.Page.Url.Contains("/messages", StringComparison.Ordinal); attempt++)
        {
            await bell.ClickAsync();
            try { await s.Page.WaitForURLAsync(new Regex("/messages$"), new() { Timeout = 10_000 }); }
            catch (TimeoutException) when (attempt < 4) { }
        }
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("消息中心");
        var unreadSubjects = s.Page.Locator("[data-testid=message-subject][data-unread=true]");
        await Expect(unreadSubjects.First).ToBeVisibleAsync();
        Assert.Equal(unread, await unreadSubjects.CountAsync());
        Assert.Equal("700", await unreadSubjects.First.EvaluateAsync<string>("e => getComputedStyle(e).fontWeight"));
        await Expect(unreadSubjects.First).ToContainTextAsync("【");
        await s.AtWidthsAsync("message-centre");

        // Opening a message shows the mail's text; it is read from now on and the bell counts one fewer.
        var subject = (await unreadSubjects.First.InnerTextAsync()).Trim();
        await unreadSubjects.First.ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("/messages/[0-9a-f]{32}$"));
        var messageUrl = s.Page.Url;
        await Expect(s.Page.Locator("[data-testid=message-title]")).ToHaveTextAsync(subject);
        await Expect(s.Page.Locator("[data-testid=message-text]")).ToContainTextAsync("您好：");
        await Expect(s.Page.Locator("[data-testid=message-text]")).ToContainTextAsync("本邮件由系统自动发送");
        await Expect(bell).ToHaveAttributeAsync("data-unread", (unread - 1).ToString());
        await s.AtWidthsAsync("message-opened");

        await s.Page.GotoAsync("/messages");
        await Expect(s.Page.Locator("[data-testid=message-subject]").First).ToBeVisibleAsync();
        var read = s.Page.Locator("[data-testid=message-subject][data-unread=false]");
        await Expect(read.Filter(new() { HasText = subject }).First).ToBeVisibleAsync();
        Assert.Equal("400", await read.First.EvaluateAsync<string>("e => getComputedStyle(e).fontWeight"));

        // 只看未读 is kept in the URL; 全部标为已读 leaves nothing unread and the bell at zero.
        await s.Page.GotoAsync("/messages?unread=1");
        await Expect(s.Page.GetByLabel("只看未读")).ToBeCheckedAsync();
        await Expect(s.Page.Locator("[data-testid=message-subject][data-unread=false]")).ToHaveCountAsync(0);
        for (var attempt = 1; ; attempt++)
        {
            await s.Page.Locator("[data-testid=messages-read-all]").ClickAsync();
            try
            {
                await Expect(bell).ToHaveAttributeAsync("data-unread", "0", new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 4) { }
        }
        await Expect(s.Page.Locator("[data-testid=messages-empty]")).ToHaveTextAsync("没有未读消息。");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "消息中心");
        s.AssertNoExternalRequestsOrConsoleErrors();

        // Another district's official cannot open shexian's message.
        await using var other = await BrowserSession.StartAsync(browser, app, "messages-other");
        await other.SignInAsync("tunxi");
        await other.Page.GotoAsync(messageUrl);
        await Expect(other.Page.Locator("[data-testid=message-error]")).ToContainTextAsync("消息不存在或无权访问");
        await Expect(other.Page.Locator("[data-testid=message-text]")).ToHaveCountAsync(0);
    }
}
