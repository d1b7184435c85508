using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// The readiness notices on fixed dates (2027-03-01 in Huangshan; windows 市级 05-10…05-31, 省级/国家级 06-11…06-30) in a
/// real SQLite file: one reminder per certificate lapsing before the next window, none on a second run; the monthly
/// digest once per district and month, listing only that district's members with their overdue follow-ups; every queued
/// notice renders with the strict templates, and goes out over real SMTP.
/// </summary>
public sealed class ReadinessNoticeTests(MaildevFixture maildev) : IClassFixture<MaildevFixture>, IAsyncLifetime
{
    private const string Tunxi = "341002";
    private const string Shexian = "341021";
    private static readonly ReadinessRuleCatalog Catalog = new(Path.Combine(ReadinessAssessorTests.RepoRoot(), "rules", "readiness"));
    private readonly FakeTimeProvider _clock = new(ChinaTime.At(new DateOnly(2027, 3, 1), new TimeOnly(9, 0)));
    private string _path = "";
    private Func<GreenTierDbContext> _open = null!;

    public async Task InitializeAsync()
    {
        (_path, _open) = await SqliteTestDatabase.CreateAsync("gtw-readiness-notices");
        await using var db = _open();
        var role = new IdentityRole(Roles.District) { NormalizedName = Roles.District.ToUpperInvariant() };
        var tunxi = new AppUser { UserName = "tunxi", Email = "tunxi@demo.greentier.local", DisplayName = "屯溪区经信局 李娟", Jurisdiction = Tunxi };
        var shexian = new AppUser { UserName = "shexian", Email = "shexian@demo.greentier.local", DisplayName = "歙县经信局 王晓明", Jurisdiction = Shexian };
        db.Roles.Add(role);
        db.Users.AddRange(tunxi, shexian);
        db.UserRoles.AddRange(new IdentityUserRole<string> { RoleId = role.Id, UserId = tunxi.Id }, new IdentityUserRole<string> { RoleId = role.Id, UserId = shexian.Id });
        foreach (var (tier, opens, closes) in new[] { (Tier.City, new DateOnly(2027, 5, 10), new DateOnly(2027, 5, 31)),
                     (Tier.Province, new DateOnly(2027, 6, 11), new DateOnly(2027, 6, 30)), (Tier.National, new DateOnly(2027, 6, 11), new DateOnly(2027, 6, 30)) })
            db.DeclarationWindows.Add(new DeclarationWindow
            {
                Id = $"w-{tier}", Year = 2027, Type = NominationType.GreenFactory, Tier = tier, OpensAt = ChinaTime.StartOf(opens),
                ClosesAt = ChinaTime.At(closes, new TimeOnly(23, 59)), DistrictDeadline = ChinaTime.At(closes, new TimeOnly(23, 59)),
            });

        // 屯溪区: m1 not listed, GB/T 45001 lapses before the city window opens, GB/T 19001 during it;
        // m2 on the city list, GB/T 24001 lapses during the provincial window (the national tier is barred: not on the provincial list).
        Member(db, "m1", Tunxi, "黄山市屯溪徽韵漆器有限公司", ("GB/T 45001", new(2027, 5, 1)), ("GB/T 19001", new(2027, 5, 20)));
        Member(db, "m2", Tunxi, "黄山市屯溪新安茶业有限公司", ("GB/T 24001", new(2027, 6, 20)));
        db.Listings.Add(new Listing
        {
            Id = "l2", EnterpriseId = "e-m2", Type = NominationType.GreenFactory, Tier = Tier.City, ApplicantName = "黄山市屯溪新安茶业有限公司",
            DistrictCode = Tunxi, Year = 2025, ListedOn = new(2025, 11, 20), Status = ListingStatus.Active, LastAnnualReportYear = 2027,
        });
        // 歙县: m3, GB/T 23331 lapses before the city window.
        Member(db, "m3", Shexian, "歙县徽墨制造有限公司", ("GB/T 23331", new(2027, 4, 30)));
        db.GapFollowUps.Add(new GapFollowUp
        {
            Id = "f1", PoolMembershipId = "m1", DistrictCode = Tunxi, CriterionKey = "certificate:GB/T 45001", Assignee = "李科长",
            DueOn = new DateOnly(2027, 2, 20), UpdatedAt = _clock.GetUtcNow(), UpdatedBy = "屯溪区经信局 李娟",
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A pool member (green factory, enrolled for 2027) whose enterprise holds all four certificates valid to 2028, except those given.</summary>
    private static void Member(GreenTierDbContext db, string id, string district, string name, params (string Standard, DateOnly ExpiresOn)[] expiring)
    {
        var certificates = Certification.RequiredStandards.Select(s => new Certification
        {
            Standard = s, CertificateNumber = $"{id}-{s[^5..]}",
            ExpiresOn = expiring.FirstOrDefault(x => x.Standard == s) is { Standard: not null } hit ? hit.ExpiresOn : new DateOnly(2028, 12, 31),
        }).ToList();
        db.Enterprises.Add(new Enterprise
        {
            Id = $"e-{id}", CreditCode = $"91341000MA2{id.ToUpperInvariant()}XXXXX", Name = name, DistrictCode = district, IndustryCode = "C2431",
            Certifications = certificates,
        });
        db.PoolMemberships.Add(new PoolMembership
        {
            Id = id, DistrictCode = district, Year = 2027, EnterpriseId = $"e-{id}", MemberName = name, TargetType = NominationType.GreenFactory,
            EnrolledBy = "test",
        });
    }

    private async Task<(int Queued, List<OutboxNotice> Outbox)> RunAsync()
    {
        int queued;
        await using (var db = _open())
        {
            var options = new NominationOptions { AppUrl = NoticeSamples.AppUrl };
            var readiness = new ReadinessService(db, Catalog, new ReadinessWindowDefaults([]), _clock);
            queued = await new ReadinessNoticeMonitor(readiness, db, options, _clock).CheckAsync();
        }
        await using var read = _open();
        return (queued, await read.OutboxNotices.AsNoTracking().OrderBy(n => n.DedupKey).ToListAsync());
    }

    private static JsonObject Model(OutboxNotice notice) => JsonNode.Parse(notice.ModelJson)!.AsObject();

    [Fact]
    public async Task CheckAsync_QueuesOneReminderPerLapsingCertificateAndWindow_AndNoneOnASecondRun()
    {
        var (queued, outbox) = await RunAsync();

        var reminders = outbox.Where(n => n.Kind == NoticeKinds.CertificateExpiring).Select(n => n.DedupKey).ToList();
        Assert.Equal(
        [
            "readiness-certificate:m1:GB/T 19001:2027:City|tunxi@demo.greentier.local",
            "readiness-certificate:m1:GB/T 45001:2027:City|tunxi@demo.greentier.local",
            "readiness-certificate:m2:GB/T 24001:2027:Province|tunxi@demo.greentier.local",
            "readiness-certificate:m3:GB/T 23331:2027:City|shexian@demo.greentier.local",
        ], reminders);
        Assert.Equal(outbox.Count, queued);

        var m1 = Model(outbox.Single(n => n.DedupKey.StartsWith("readiness-certificate:m1:GB/T 45001", StringComparison.Ordinal)));
        Assert.Equal("GB/T 45001 证书（m1-45001） 2027-05-01 到期，早于市级申报窗口开启（2027-05-10）。", m1.Str("expires_evidence"));
        Assert.Empty(m1["other_tiers"]!.AsArray()); // 省级 is barred for m1 (not on the city list): no reminder for it
        var m2 = Model(outbox.Single(n => n.DedupKey.StartsWith("readiness-certificate:m2:", StringComparison.Ordinal)));
        Assert.Equal(("省级", "2027-06-11", "2027-06-30"), (m2.Str("tier_name"), m2.Str("opens_on"), m2.Str("ends_on")));

        var renderer = NoticeTestSupport.Renderer();
        foreach (var notice in outbox)
        {
            var rendered = renderer.Render(notice.Kind, Model(notice));
            Assert.False(string.IsNullOrWhiteSpace(rendered.Subject), notice.DedupKey);
        }
        var text = renderer.Render(NoticeKinds.CertificateExpiring, m1);
        Assert.Equal("【证书到期提醒】黄山市屯溪徽韵漆器有限公司的GB/T 45001 职业健康安全管理体系认证将于2027年度市级申报窗口前到期", text.Subject);
        Assert.Contains("屯溪区经信局 李娟，您好：", text.Text);
        Assert.Contains(NoticeSamples.AppUrl + "/readiness?member=m1", text.Text);

        var again = await RunAsync();
        Assert.Equal(0, again.Queued);
        Assert.Equal(outbox.Count, again.Outbox.Count);
    }

    [Fact]
    public async Task TheDigest_GoesOncePerDistrictAndMonth_AndListsOnlyTheDistrictsMembers()
    {
        var (_, outbox) = await RunAsync();
        var digests = outbox.Where(n => n.Kind == NoticeKinds.ReadinessDigest).ToList();
        Assert.Equal(["readiness-digest:341002:2027-03|tunxi@demo.greentier.local", "readiness-digest:341021:2027-03|shexian@demo.greentier.local"],
            digests.Select(n => n.DedupKey));

        var tunxi = Model(digests[0]);
        Assert.Equal(("屯溪区", "2027年3月", 2), (tunxi.Str("district_name"), tunxi.Str("month"), tunxi["member_count"]!.GetValue<int>()));
        var members = tunxi["members"]!.AsArray();
        Assert.Equal(["黄山市屯溪徽韵漆器有限公司", "黄山市屯溪新安茶业有限公司"], members.Select(m => m.Str("member_name")));
        var city = tunxi["tiers"]!.AsArray().Single(t => t.Str("tier_name") == "市级")!;
        Assert.Equal((0, 1, 0, 1), (city["ready"]!.GetValue<int>(), city["gaps"]!.GetValue<int>(), city["not_eligible"]!.GetValue<int>(), city["listed"]!.GetValue<int>()));
        var m1 = members[0]!;
        Assert.Equal((1, 1), (m1["open_follow_ups"]!.GetValue<int>(), m1["overdue_follow_ups"]!.GetValue<int>()));
        Assert.Equal("GB/T 45001 职业健康安全管理体系认证：李科长，应于 2027-02-20 完成，已逾期 9 天", Assert.Single(m1["overdue"]!.AsArray())!.GetValue<string>());

        var renderer = NoticeTestSupport.Renderer();
        var tunxiText = renderer.Render(NoticeKinds.ReadinessDigest, tunxi).Text;
        Assert.Contains("黄山市屯溪徽韵漆器有限公司", tunxiText);
        Assert.Contains("【逾期】GB/T 45001 职业健康安全管理体系认证：李科长", tunxiText);
        Assert.DoesNotContain("歙县徽墨制造有限公司", tunxiText);
        var shexianText = renderer.Render(NoticeKinds.ReadinessDigest, Model(digests[1])).Text;
        Assert.Contains("歙县徽墨制造有限公司", shexianText);
        Assert.DoesNotContain("屯溪", shexianText);

        _clock.Advance(TimeSpan.FromDays(20)); // still March: nothing new
        Assert.Equal(0, (await RunAsync()).Queued);
        _clock.Advance(TimeSpan.FromDays(12)); // 2027-04-02: April's digests, no certificate reminder again
        var april = await RunAsync();
        Assert.Equal(2, april.Queued);
        Assert.Equal(2, april.Outbox.Count(n => n.DedupKey.StartsWith("readiness-digest:", StringComparison.Ordinal) && n.DedupKey.Contains(":2027-04|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AboveOneBatch_TheDigestCountsEveryMember_AndARemindersPastTheFirstBatchIsQueued()
    {
        // 1,200 more 屯溪区 members: the district spans two batches of the assessment (1,000 each). The last one's
        // GB/T 45001 lapses before the city window.
        const int Extra = 1200;
        await using (var db = _open())
        {
            for (var i = 0; i < Extra; i++)
            {
                if (i == Extra - 1) Member(db, $"x{i:0000}", Tunxi, $"黄山市屯溪批量测试企业{i:0000}", ("GB/T 45001", new(2027, 5, 2)));
                else Member(db, $"x{i:0000}", Tunxi, $"黄山市屯溪批量测试企业{i:0000}");
            }
            await db.SaveChangesAsync();
        }

        var (queued, outbox) = await RunAsync();
        Assert.Equal(outbox.Count, queued);
        Assert.Contains($"readiness-certificate:x{Extra - 1:0000}:GB/T 45001:2027:City|tunxi@demo.greentier.local", outbox.Select(n => n.DedupKey));
        Assert.Equal(5, outbox.Count(n => n.Kind == NoticeKinds.CertificateExpiring));

        var digests = outbox.Where(n => n.Kind == NoticeKinds.ReadinessDigest).ToDictionary(n => Model(n).Str("district_name")!, Model);
        Assert.Equal(["屯溪区", "歙县"], digests.Keys.Order(StringComparer.Ordinal));
        var tunxi = digests["屯溪区"];
        Assert.Equal(Extra + 2, tunxi["member_count"]!.GetValue<int>());
        Assert.Equal(1, digests["歙县"]["member_count"]!.GetValue<int>());

        // The digest's counts per tier are the board's, read in one piece.
        await using var read = _open();
        var batches = (await new ReadinessService(read, Catalog, new ReadinessWindowDefaults([]), _clock)
            .BatchesAsync(new Official("t", "t", "屯溪", [Roles.District], Tunxi), null)).Value!;
        var board = new { Rows = (await batches.Rows.ToListAsync()).SelectMany(b => b).ToList() };
        Assert.Equal(Extra + 2, board.Rows.Count);
        foreach (var tier in tunxi["tiers"]!.AsArray())
        {
            var cells = board.Rows.Select(r => r.Cell(DomainTextTier(tier!.Str("tier_name")!))).OfType<TierReadiness>().ToList();
            Assert.Equal(
                (cells.Count(c => c.Standing == TierStanding.Ready), cells.Count(c => c.Standing == TierStanding.Gaps),
                    cells.Count(c => c.Standing == TierStanding.NotEligible), cells.Count(c => c.Standing == TierStanding.Listed)),
                (tier!["ready"]!.GetValue<int>(), tier["gaps"]!.GetValue<int>(), tier["not_eligible"]!.GetValue<int>(), tier["listed"]!.GetValue<int>()));
        }
        var withGaps = board.Rows.Where(r => r.Checklist.Count > 0).Select(r => r.MemberName).ToList();
        Assert.Equal(withGaps, tunxi["members"]!.AsArray().Select(m => m.Str("member_name")));
    }

    private static Tier DomainTextTier(string name) => Enum.GetValues<Tier>().Single(t => DomainText.Of(t) == name);

    [MaildevFact]
    public async Task QueuedReadinessNotices_AreDeliveredOverSmtp_InChinese()
    {
        await maildev.ClearAsync();
        var (queued, _) = await RunAsync();
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: maildev.SmtpPort));
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(queued, 0, 0), await dispatcher.DispatchDueAsync(db, _clock.GetUtcNow().AddSeconds(5)));

        var mails = await maildev.EmailsAsync();
        Assert.Equal(queued, mails.Count);
        var digest = Assert.Single(mails, m => m!["subject"]!.GetValue<string>().StartsWith("【培育库月报】屯溪区", StringComparison.Ordinal))!;
        Assert.Equal("tunxi@demo.greentier.local", digest["to"]![0]!["address"]!.GetValue<string>());
        Assert.Contains("已逾期 9 天", digest["text"]!.GetValue<string>());
        Assert.Contains("<strong>黄山市屯溪徽韵漆器有限公司</strong>", digest["html"]!.GetValue<string>());
        Assert.Equal(3, mails.Count(m => m!["subject"]!.GetValue<string>().StartsWith("【证书到期提醒】", StringComparison.Ordinal)
            && m["to"]![0]!["address"]!.GetValue<string>() == "tunxi@demo.greentier.local"));
    }

    public Task DisposeAsync()
    {
        SqliteTestDatabase.Delete(_path);
        return Task.CompletedTask;
    }
}
