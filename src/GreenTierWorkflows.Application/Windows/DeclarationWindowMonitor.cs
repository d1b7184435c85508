using GreenTierWorkflows.Infrastructure.Scheduling;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Windows;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>
/// The annual round's notices: one "windows opened" digest to every district bureau per batch of windows that open, and deadline reminders
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
        var open = windows.Where(w => w.OpensAt <= now && now < w.SubmissionEndsAt).ToList();
        queued += await QueueOpenedDigestsAsync(open.Where(w => w.OpenedNoticeSentAt is null).ToList(), districts, now, ct);
        foreach (var window in open)
        {
            var what = new JsonObject
            {
                ["year"] = window.Year, ["type_name"] = DomainText.Of(window.Type), ["tier_name"] = DomainText.Of(window.Tier),
                ["opens_at"] = Format(window.OpensAt), ["closes_at"] = Format(window.ClosesAt), ["district_deadline"] = Format(window.DistrictDeadline),
                ["app_url"] = options.AppUrl,
            };
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

    /// <summary>
    /// One 「申报窗口已开启」 digest per district recipient and year for the windows that opened since the last check (the
    /// round's nine windows are one mail, not nine). The dedup key names the year and the batch's windows, so a re-run or a
    /// restart queues nothing twice, while a window of the same year that opens later gets its own digest.
    /// </summary>
    private async Task<int> QueueOpenedDigestsAsync(IReadOnlyList<DeclarationWindow> opened, Dictionary<string, IReadOnlyList<NoticeRecipient>> districts,
        DateTimeOffset now, CancellationToken ct)
    {
        var queued = 0;
        foreach (var year in opened.GroupBy(w => w.Year))
        {
            var batch = year.OrderBy(w => w.OpensAt).ThenBy(w => w.Type).ThenBy(w => w.Tier).ThenBy(w => w.Id, StringComparer.Ordinal).ToList();
            var list = new JsonArray(batch.Select(w => (JsonNode)new JsonObject
            {
                ["type_name"] = DomainText.Of(w.Type), ["tier_name"] = DomainText.Of(w.Tier),
                ["opens_at"] = Format(w.OpensAt), ["closes_at"] = Format(w.ClosesAt), ["district_deadline"] = Format(w.DistrictDeadline),
            }).ToArray());
            var batchKey = BatchKey(batch.Select(w => w.Id));
            foreach (var (district, recipients) in districts)
            {
                var model = new JsonObject
                {
                    ["year"] = year.Key, ["district_name"] = HuangshanUnits.NameOf(district), ["window_count"] = batch.Count,
                    ["windows"] = list.DeepClone(), ["app_url"] = options.AppUrl,
                };
                foreach (var to in recipients)
                    queued += await QueueAsync(NoticeKinds.WindowOpened, to, (JsonObject)model.DeepClone(), $"{OpenedDigestKeyPrefix}{year.Key}:{batchKey}:{district}", now, ct);
            }
            foreach (var window in batch) window.OpenedNoticeSentAt = now;
        }
        return queued;
    }

    /// <summary>How the dedup keys of window-opened digests begin: then the year, the batch and the district.</summary>
    public const string OpenedDigestKeyPrefix = "window-digest:";

    /// <summary>A short stable name of a set of windows (the dedup key's length stays bounded however many open at once).</summary>
    private static string BatchKey(IEnumerable<string> windowIds) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\n', windowIds.Order(StringComparer.Ordinal)))))[..16];

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
