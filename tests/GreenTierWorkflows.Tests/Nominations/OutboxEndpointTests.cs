using System.Net;
using GreenTierWorkflows.Domain.Notices;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>Dead letters are visible to administrators with their last error, and can be queued again.</summary>
[Collection(NominationCollection.Name)]
public sealed class OutboxEndpointTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task DeadLetters_AreListedWithTheLastError_AndRequeuedByAdministratorsOnly()
    {
        var dead = OutboxNotice.Create(NoticeKinds.ListingRevoked, new NoticeRecipient("gone@demo.greentier.local", "已离职"), new(), "dead-letter-test", App.Clock.GetUtcNow());
        (dead.Status, dead.Attempts, dead.LastError) = (NoticeStatus.DeadLetter, 6, "5.1.1 mailbox unavailable");
        await App.WithDbAsync(db => db.OutboxNotices.Add(dead));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("city")).GetAsync("/api/outbox?status=DeadLetter")).StatusCode);
        var admin = await App.ClientAsync("admin");
        var list = await ReadAsync(await admin.GetAsync("/api/outbox?status=DeadLetter&pageSize=100"), HttpStatusCode.OK);
        var item = list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == dead.Id)!;
        Assert.Equal(("5.1.1 mailbox unavailable", 6), (item["lastError"]!.GetValue<string>(), item["attempts"]!.GetValue<int>()));

        await ReadAsync(await admin.PostAsync($"/api/outbox/{dead.Id}/retry", null), HttpStatusCode.OK);
        var again = await ReadAsync(await admin.PostAsync($"/api/outbox/{dead.Id}/retry", null), HttpStatusCode.Conflict);
        Assert.Contains("只有死信", again["detail"]!.GetValue<string>());
        Assert.Equal(NoticeStatus.Pending, await App.QueryAsync(db => db.OutboxNotices.Where(n => n.Id == dead.Id).Select(n => n.Status).SingleAsync()));
    }
}
