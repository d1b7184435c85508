using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>A declaration round on the fake clock: window opened, reminders to districts that have not filed, once each.</summary>
[Collection(NominationCollection.Name)]
public sealed class DeclarationRoundTests(NominationFixture app) : NominationSteps(app)
{
    private async Task CheckAsync()
    {
        using var scope = App.Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DeclarationWindowMonitor>().CheckAsync();
    }

    private Task<List<OutboxNotice>> MailsAsync(string windowId) =>
        App.QueryAsync(db => db.OutboxNotices.Where(n => n.DedupKey.StartsWith("window:" + windowId + ":")).ToListAsync());

    /// <summary>The window-opened digests of a year.</summary>
    private Task<List<OutboxNotice>> DigestsAsync(int year) =>
        App.QueryAsync(db => db.OutboxNotices.Where(n => n.DedupKey.StartsWith(DeclarationWindowMonitor.OpenedDigestKeyPrefix + year + ":")).ToListAsync());

    private static DeclarationWindow Window(string id, int year, NominationType type, Tier tier, DateTimeOffset opensAt) => new()
    {
        Id = id, Year = year, Type = type, Tier = tier, OpensAt = opensAt, ClosesAt = opensAt.AddDays(30), DistrictDeadline = opensAt.AddDays(20),
        ReminderOffsetsDays = [], UpdatedAt = opensAt,
    };

    [Fact]
    public async Task WindowsOpeningTogether_AreOneDigestPerDistrictRecipient_AndALaterWindowGetsItsOwn()
    {
        var now = App.Clock.GetUtcNow();
        await App.WithDbAsync(db => db.DeclarationWindows.AddRange(
            Window("digest-gf-city", 2033, NominationType.GreenFactory, Tier.City, now.AddHours(1)),
            Window("digest-gf-prov", 2033, NominationType.GreenFactory, Tier.Province, now.AddHours(2)),
            Window("digest-park-prov", 2033, NominationType.GreenPark, Tier.Province, now.AddHours(3)),
            Window("digest-gf-nat", 2033, NominationType.GreenFactory, Tier.National, now.AddDays(5))));

        App.AdvanceClock(TimeSpan.FromHours(4));
        await CheckAsync();
        await CheckAsync(); // a re-run queues nothing twice
        var first = await DigestsAsync(2033);
        Assert.True(first.Count == 8, $"one digest per district recipient, got {first.Count}: " + string.Join(", ", first.Select(n => n.RecipientEmail)));
        Assert.Equal(8, first.Select(n => n.RecipientEmail).Distinct().Count());
        var shexian = System.Text.Json.Nodes.JsonNode.Parse(first.Single(n => n.RecipientEmail == "shexian@demo.greentier.local").ModelJson)!;
        Assert.Equal(3, shexian["window_count"]!.GetValue<int>());
        Assert.Equal(["绿色工厂 市级", "绿色工厂 省级", "绿色工业园区 省级"],
            shexian["windows"]!.AsArray().Select(w => $"{w!["type_name"]} {w["tier_name"]}").ToArray());
        Assert.Equal("歙县", shexian["district_name"]!.GetValue<string>());

        App.AdvanceClock(TimeSpan.FromDays(5)); // the national window of the same year opens later: its own digest
        await CheckAsync();
        await CheckAsync();
        var all = await DigestsAsync(2033);
        Assert.Equal(16, all.Count);
        var later = all.Except(first, new NoticeIds()).ToList();
        Assert.All(later, n => Assert.Contains("\"window_count\":1", n.ModelJson));
        Assert.All(later, n => Assert.Contains("国家级", n.ModelJson));
    }

    private sealed class NoticeIds : IEqualityComparer<OutboxNotice>
    {
        public bool Equals(OutboxNotice? x, OutboxNotice? y) => x?.Id == y?.Id;
        public int GetHashCode(OutboxNotice obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_SendsWindowOpenedOnce_AndRemindsOnlyDistrictsThatHaveNotFiled()
    {
        var now = App.Clock.GetUtcNow();
        const string windowId = "round-2031";
        await App.WithDbAsync(db => db.DeclarationWindows.Add(new DeclarationWindow
        {
            Id = windowId, Year = 2031, Type = NominationType.GreenFactory, Tier = Tier.Province, OpensAt = now.AddDays(1),
            ClosesAt = now.AddDays(30), DistrictDeadline = now.AddDays(11), ReminderOffsetsDays = [7, 3, 1], UpdatedAt = now,
        }));

        await CheckAsync();
        Assert.Empty(await MailsAsync(windowId));

        App.AdvanceClock(TimeSpan.FromDays(1.5));
        await CheckAsync();
        await CheckAsync();
        var opened = await DigestsAsync(2031);
        Assert.Equal(8, opened.Count);
        Assert.All(opened, m => Assert.Equal(NoticeKinds.WindowOpened, m.Kind));
        Assert.Contains(opened, m => m.RecipientEmail == "gaoxin@demo.greentier.local");

        App.AdvanceClock(TimeSpan.FromDays(3)); // 6.5 days before the deadline: the 7-day reminder is due
        await CheckAsync();
        var first = (await MailsAsync(windowId)).Where(m => m.Kind == NoticeKinds.DeadlineReminder).ToList();
        Assert.Equal(8, first.Count);
        Assert.Contains("尚未创建任何申报", first.Single(m => m.RecipientEmail == "shexian@demo.greentier.local").ModelJson);

        var enterprise = await App.EnrolEnterpriseAsync("341021", "歙县按时报送企业", 2031);
        var client = await App.ClientAsync("shexian");
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise, Tier.Province, 2031)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync("shexian", id, Pdf()), HttpStatusCode.Created);
        await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
        var draftOnly = await App.EnrolEnterpriseAsync("341002", "屯溪草稿企业", 2031);
        await ReadAsync(await (await App.ClientAsync("tunxi")).PostAsJsonAsync("/api/nominations", Draft(draftOnly, Tier.Province, 2031)), HttpStatusCode.Created);

        App.AdvanceClock(TimeSpan.FromDays(4)); // 2.5 days before: the 3-day reminder
        await CheckAsync();
        await CheckAsync();
        var second = (await MailsAsync(windowId)).Where(m => m.Kind == NoticeKinds.DeadlineReminder && m.DedupKey.Contains(":reminder:3:")).ToList();
        Assert.Equal(7, second.Count);
        Assert.DoesNotContain(second, m => m.RecipientEmail == "shexian@demo.greentier.local");
        Assert.Contains("「屯溪草稿企业」的申报仍为草稿", second.Single(m => m.RecipientEmail == "tunxi@demo.greentier.local").ModelJson);
        Assert.Equal(8 + 7, (await MailsAsync(windowId)).Count);

        App.AdvanceClock(TimeSpan.FromDays(3)); // past the district deadline: late filing is refused
        var late = await App.EnrolEnterpriseAsync("341022", "休宁逾期企业", 2031);
        var xiuning = await App.ClientAsync("xiuning");
        var lateId = (await ReadAsync(await xiuning.PostAsJsonAsync("/api/nominations", Draft(late, Tier.Province, 2031)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync("xiuning", lateId, Pdf()), HttpStatusCode.Created);
        var refused = await ReadAsync(await xiuning.PostAsync($"/api/nominations/{lateId}/submit", null), HttpStatusCode.Conflict);
        Assert.Contains("逾期不予受理", refused["detail"]!.GetValue<string>());
    }
}
