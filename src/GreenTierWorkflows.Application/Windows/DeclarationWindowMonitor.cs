using GreenTierWorkflows.Infrastructure.Scheduling;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>
/// The annual round's notices: "window opened" to every district bureau once the window opens, and deadline reminders
/// at each configured offset before the district deadline to the districts that have not filed yet, naming what is
/// missing. Each notice has a dedup key, so running the check again (or after a restart) queues nothing twice.
/// </summary>
public sealed class DeclarationWindowMonitor(GreenTierDbContext db, NominationOptions options, TimeProvider clock) : IDeclarationWindowCheck
{

    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var windows = await db.DeclarationWindows.Where(w => w.DistrictDeadline > now.AddDays(-1)).ToListAsync(ct);
        var districts = await RecipientsByDistrictAsync(ct);
        var queued = 0;
        foreach (var window in windows.Where(w => w.OpensAt <= now && now < w.SubmissionEndsAt))
        {
            var what = new JsonObject
            {
                ["year"] = window.Year, ["type_name"] = DomainText.Of(window.Type), ["tier_name"] = DomainText.Of(window.Tier),
                ["opens_at"] = Format(window.OpensAt), ["closes_at"] = Format(window.ClosesAt), ["district_deadline"] = Format(window.DistrictDeadline),
                ["app_url"] = options.AppUrl,
            };
            if (window.OpenedNoticeSentAt is null)
            {
                foreach (var to in districts.Values.SelectMany(r => r))
                    queued += await QueueAsync(NoticeKinds.WindowOpened, to, (JsonObject)what.DeepClone(), $"window:{window.Id}:opened", now, ct);
                window.OpenedNoticeSentAt = now;
            }
            foreach (var days in window.ReminderOffsetsDays.Where(d => now >= window.DistrictDeadline.AddDays(-d)))
            {
                var filed = await db.Nominations.Where(n => n.Year == window.Year && n.Type == window.Type && n.TargetTier == window.Tier)
                    .Select(n => new { n.DistrictCode, n.Status, n.ApplicantName }).ToListAsync(ct);
                foreach (var (district, recipients) in districts)
                {
                    var mine = filed.Where(n => n.DistrictCode == district).ToList();
                    if (mine.Any(n => n.Status != NominationStatus.Draft)) continue;
                    var missing = mine.Count == 0
                        ? new JsonArray("尚未创建任何申报")
                        : new JsonArray(mine.Select(n => (JsonNode)$"「{n.ApplicantName}」的申报仍为草稿，尚未提交").ToArray());
                    var model = (JsonObject)what.DeepClone();
                    model["district_name"] = HuangshanUnits.NameOf(district);
                    model["days_left"] = Math.Max(0, (int)Math.Ceiling((window.DistrictDeadline - now).TotalDays));
                    model["missing"] = missing;
                    foreach (var to in recipients)
                        queued += await QueueAsync(NoticeKinds.DeadlineReminder, to, (JsonObject)model.DeepClone(), $"window:{window.Id}:reminder:{days}:{district}", now, ct);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<int> QueueAsync(string kind, NoticeRecipient to, JsonObject model, string dedup, DateTimeOffset now, CancellationToken ct) =>
        await OutboxQueue.TryAddAsync(db, OutboxNotice.Create(kind, to, model, dedup, now), ct) ? 1 : 0;

    private async Task<Dictionary<string, IReadOnlyList<NoticeRecipient>>> RecipientsByDistrictAsync(CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<NoticeRecipient>>();
        foreach (var unit in HuangshanUnits.Districts)
            result[unit.Code] = await RecipientDirectory.FindAsync(db, Roles.District, unit.Code, ct);
        return result;
    }

    private static string Format(DateTimeOffset at) => ChinaTime.Minute(at);
}
