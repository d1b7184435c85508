using GreenTierWorkflows.Infrastructure.Scheduling;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Listings;

/// <summary>
/// Dynamic-management reminders to the district bureaus of listed units: the year's 动态管理表 (due 15 April) 30 and 7 days
/// before, while not yet accepted for that year; the 复审 60 days before the third anniversary of listing. Dedup keys make
/// each reminder go out once.
/// </summary>
public sealed class ListingReminderMonitor(GreenTierDbContext db, NominationOptions options, TimeProvider clock) : IListingReminderCheck
{
    private static readonly int[] AnnualReportOffsetsDays = [30, 7];
    private const int ReviewNoticeDays = 60;

    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DayOf(now);
        var dueOn = new DateOnly(today.Year, 4, 15);
        var queued = 0;
        foreach (var listing in await db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Active).ToListAsync(ct))
        {
            var model = new JsonObject
            {
                ["applicant_name"] = listing.ApplicantName, ["type_name"] = DomainText.Of(listing.Type), ["tier_name"] = DomainText.Of(listing.Tier),
                ["app_url"] = options.AppUrl,
            };
            if (listing.ListedOn.Year < today.Year && (listing.LastAnnualReportYear ?? 0) < today.Year)
                foreach (var days in AnnualReportOffsetsDays.Where(d => today >= dueOn.AddDays(-d) && today <= dueOn))
                {
                    var m = (JsonObject)model.DeepClone();
                    m["year"] = today.Year;
                    m["due_on"] = dueOn.ToString("yyyy-MM-dd");
                    queued += await QueueAsync(NoticeKinds.AnnualReportDue, listing, m, $"annual-report:{listing.Id}:{today.Year}:{days}", now, ct);
                }
            var reviewOn = listing.ListedOn.AddYears(3);
            if (today >= reviewOn.AddDays(-ReviewNoticeDays) && (listing.LastReviewOn is null || listing.LastReviewOn < reviewOn.AddYears(-1)))
            {
                var m = (JsonObject)model.DeepClone();
                m["listed_on"] = listing.ListedOn.ToString("yyyy-MM-dd");
                m["review_due_on"] = reviewOn.ToString("yyyy-MM-dd");
                queued += await QueueAsync(NoticeKinds.ReviewDue, listing, m, $"review:{listing.Id}:{reviewOn:yyyy}", now, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<int> QueueAsync(string kind, Listing listing, JsonObject model, string dedup, DateTimeOffset now, CancellationToken ct)
    {
        var queued = 0;
        foreach (var to in await RecipientDirectory.FindAsync(db, Roles.District, listing.DistrictCode, ct))
        {
            if (await OutboxQueue.TryAddAsync(db, OutboxNotice.Create(kind, to, (JsonObject)model.DeepClone(), dedup, now, listing.NominationId), ct)) queued++;
        }
        return queued;
    }
}
