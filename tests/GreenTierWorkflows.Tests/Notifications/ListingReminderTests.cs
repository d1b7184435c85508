using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using GreenTierWorkflows.Application.Listings;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Tests.Notifications;

/// <summary>动态管理表 and 复审 reminders to the listed unit's district bureau, once each, rendering with the strict templates.</summary>
public sealed class ListingReminderTests : IAsyncLifetime
{
    private string _path = "";
    private Func<GreenTierDbContext> _open = null!;

    public async Task InitializeAsync()
    {
        (_path, _open) = await SqliteTestDatabase.CreateAsync("gtw-notices");
        await using var db = _open();
        var role = new IdentityRole(Roles.District) { NormalizedName = Roles.District.ToUpperInvariant() };
        var shexian = new AppUser { UserName = "shexian", Email = "shexian@demo.greentier.local", DisplayName = "歙县工信局", Jurisdiction = "341021" };
        var tunxi = new AppUser { UserName = "tunxi", Email = "tunxi@demo.greentier.local", DisplayName = "屯溪区工信局", Jurisdiction = "341002" };
        db.Roles.Add(role);
        db.Users.AddRange(shexian, tunxi);
        db.UserRoles.AddRange(new IdentityUserRole<string> { RoleId = role.Id, UserId = shexian.Id }, new IdentityUserRole<string> { RoleId = role.Id, UserId = tunxi.Id });
        db.Listings.Add(new Listing
        {
            Id = "l1", Type = NominationType.GreenFactory, Tier = Tier.Province, ApplicantName = "歙县徽墨制造有限公司", DistrictCode = "341021",
            Year = 2024, ListedOn = new DateOnly(2024, 5, 10), Status = ListingStatus.Active,
        });
        db.Listings.Add(new Listing
        {
            Id = "l2", Type = NominationType.GreenFactory, Tier = Tier.City, ApplicantName = "已报送企业", DistrictCode = "341021",
            Year = 2025, ListedOn = new DateOnly(2025, 9, 1), Status = ListingStatus.Active, LastAnnualReportYear = 2027,
        });
        await db.SaveChangesAsync();
    }

    private async Task<List<OutboxNotice>> RunAsync(FakeTimeProvider clock)
    {
        await using (var db = _open()) await new ListingReminderMonitor(db, new NominationOptions(), clock).CheckAsync();
        await using var read = _open();
        return await read.OutboxNotices.AsNoTracking().OrderBy(n => n.DedupKey).ToListAsync();
    }

    [Fact]
    public async Task CheckAsync_QueuesAnnualReportAndReviewReminders_OnceEach()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 4, 1, 2, 0, 0, TimeSpan.Zero));
        await RunAsync(clock);
        var first = await RunAsync(clock);
        Assert.Equal(["annual-report:l1:2027:30|shexian@demo.greentier.local", "review:l1:2027|shexian@demo.greentier.local"], first.Select(n => n.DedupKey));

        clock.Advance(TimeSpan.FromDays(9)); // 2027-04-10: the 7-day reminder as well
        var second = await RunAsync(clock);
        Assert.Equal(3, second.Count);
        Assert.Contains(second, n => n.DedupKey.StartsWith("annual-report:l1:2027:7|", StringComparison.Ordinal));

        var renderer = NoticeTestSupport.Renderer();
        foreach (var notice in second)
        {
            var rendered = renderer.Render(notice.Kind, JsonNode.Parse(notice.ModelJson)!.AsObject());
            Assert.Contains("歙县徽墨制造有限公司", rendered.Text);
        }
        Assert.Contains("2027-04-15", renderer.Render(NoticeKinds.AnnualReportDue, JsonNode.Parse(second[0].ModelJson)!.AsObject()).Text);
    }

    public Task DisposeAsync()
    {
        SqliteTestDatabase.Delete(_path);
        return Task.CompletedTask;
    }
}
