using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Messages;

/// <summary>
/// 消息中心 over HTTP: every notice queued for an account is also a message of that account (written with the notice), an
/// official lists and opens only their own, opening shows the mail's rendered text and marks it read, and 全部标为已读 clears
/// the unread count.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class MessageCentreApiTests(NominationFixture app) : NominationSteps(app)
{
    private async Task<JsonObject> PageAsync(string user, string query = "pageSize=100") =>
        await ReadAsync(await (await App.ClientAsync(user)).GetAsync($"/api/messages?{query}"), HttpStatusCode.OK);

    private static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private async Task<int> UnreadAsync(string user) => (await PageAsync(user, "unread=true&pageSize=1"))["total"]!.GetValue<int>();

    [Fact]
    public async Task NoticesToAnOfficial_AreTheirMessages_OpenedWithTheMailText_AndMarkedRead()
    {
        const string applicant = "歙县消息中心测试企业";
        var id = await SubmitNewAsync("shexian", "341021", applicant);
        await DecideAsync("city", id, "市级评审", "退回修改", "消息中心：请补充2025年能耗台账");

        // Each notice to an account has its one message, written in the same unit of work.
        var (notices, messages) = await App.QueryAsync(async db => (
            await db.OutboxNotices.Where(n => n.NominationId == id && n.RecipientUserId != null).ToListAsync(),
            await db.OfficialMessages.Where(m => m.NominationId == id).ToListAsync()));
        Assert.NotEmpty(notices);
        Assert.Equal(notices.Select(n => n.Id).Order(), messages.Select(m => m.NoticeId).Order());

        var shexianBefore = await UnreadAsync("shexian");
        var mine = Items(await PageAsync("shexian")).Where(m => m["subject"]!.GetValue<string>().Contains(applicant)).ToList();
        var returned = Assert.Single(mine, m => m["kind"]!.GetValue<string>() == NoticeKinds.ReturnedForRevision);
        Assert.True(returned["unread"]!.GetValue<bool>());
        Assert.Null(returned["readAt"]);
        Assert.StartsWith("/tasks/", returned["link"]!.GetValue<string>());
        var messageId = returned["id"]!.GetValue<string>();

        // Scope: the city reviewer got the 【待办】 of the submission, not the district's return; another district sees neither.
        var city = Items(await PageAsync("city")).Where(m => m["subject"]!.GetValue<string>().Contains(applicant)).ToList();
        Assert.Contains(city, m => m["kind"]!.GetValue<string>() == NoticeKinds.TaskAssigned);
        Assert.DoesNotContain(city, m => m["id"]!.GetValue<string>() == messageId);
        Assert.DoesNotContain(Items(await PageAsync("tunxi")), m => m["subject"]!.GetValue<string>().Contains(applicant));
        var foreign = await (await App.ClientAsync("tunxi")).PostAsync($"/api/messages/{messageId}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(shexianBefore, await UnreadAsync("shexian")); // the refused read changed nothing

        // Opening shows the mail's subject and text, and the message is read.
        var opened = await ReadAsync(await (await App.ClientAsync("shexian")).PostAsync($"/api/messages/{messageId}/read", null), HttpStatusCode.OK);
        var notice = notices.Single(n => n.Id == messages.Single(m => m.Id == messageId).NoticeId);
        var mail = App.Service<NoticeRenderer>().Render(notice.Kind, JsonNode.Parse(notice.ModelJson)!.AsObject());
        Assert.Equal(mail.Subject, opened["subject"]!.GetValue<string>());
        Assert.Equal(mail.Text, opened["text"]!.GetValue<string>());
        Assert.Contains("消息中心：请补充2025年能耗台账", opened["text"]!.GetValue<string>());
        Assert.NotNull(opened["readAt"]);
        Assert.Equal(shexianBefore - 1, await UnreadAsync("shexian"));
        var reopened = Items(await PageAsync("shexian")).Single(m => m["id"]!.GetValue<string>() == messageId);
        Assert.False(reopened["unread"]!.GetValue<bool>());
        Assert.DoesNotContain(Items(await PageAsync("shexian", "unread=true&pageSize=100")), m => m["id"]!.GetValue<string>() == messageId);

        // 全部标为已读: only the caller's messages.
        var cityUnread = await UnreadAsync("city");
        var all = await ReadAsync(await (await App.ClientAsync("shexian")).PostAsync("/api/messages/read-all", null), HttpStatusCode.OK);
        Assert.Equal((shexianBefore - 1, 0), (all["marked"]!.GetValue<int>(), all["unread"]!.GetValue<int>()));
        Assert.Equal(0, await UnreadAsync("shexian"));
        Assert.Equal(cityUnread, await UnreadAsync("city"));
    }

    [Fact]
    public async Task Messages_AreRefusedWithoutSignIn_AndPagedByTheConvention()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        var response = await anonymous.GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var invalid = await (await App.ClientAsync("shexian")).GetAsync("/api/messages?pageSize=101");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("pageSize", await invalid.Content.ReadAsStringAsync());
    }
}
