using System.Globalization;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Scheduling;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// Readiness notices to the district bureaus, from the ladder <see cref="ReadinessService"/> computes (the assessor's
/// certificate rule, not a second one):
/// <list type="bullet">
/// <item>a reminder when a pool member's management-system certificate lapses before a window of the coming round
/// (state <see cref="ReadinessState.ExpiresBeforeWindow"/>), for the earliest such window; once per member, certificate and
/// window (dedup key <c>readiness-certificate:{member}:{standard}:{year}:{tier}</c>);</item>
/// <item>the monthly digest of the district's pool: counts per tier, the members with gaps and their open and overdue
/// follow-ups; once per district and month (<c>readiness-digest:{district}:{yyyy-MM}</c>), on the first run of the month.</item>
/// </list>
/// </summary>
public sealed class ReadinessNoticeMonitor(ReadinessService readiness, GreenTierDbContext db, NominationOptions options, TimeProvider clock) : IReadinessNoticeCheck
{
    /// <summary>Sees every district: the monitor works for the whole city and splits by district itself.</summary>
    private static readonly Official System = new("system", "system", "系统", [Roles.Admin], null);

    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var board = (await readiness.BoardAsync(System, null, ct)).Value
            ?? throw new InvalidOperationException("培育梯度无法计算，提醒未发送。");
        var now = clock.GetUtcNow();
        var today = ChinaTime.DayOf(now);
        var queued = 0;
        foreach (var district in board.Rows.Select(r => r.DistrictCode).Distinct(StringComparer.Ordinal))
        {
            var recipients = await RecipientDirectory.FindAsync(db, Roles.District, district, ct);
            if (recipients.Count == 0) continue;
            // The district's own rows, by the one jurisdiction rule.
            var scope = new Official("system", "system", "系统", [Roles.District], district);
            var rows = board.Rows.VisibleTo(scope, r => r.DistrictCode).ToList();
            foreach (var row in rows)
                foreach (var (dedup, model) in CertificateReminders(board.RoundYear, row))
                    queued += await QueueAsync(NoticeKinds.CertificateExpiring, recipients, model, dedup, now, ct);
            queued += await QueueAsync(NoticeKinds.ReadinessDigest, recipients, Digest(board.RoundYear, district, rows, today),
                $"readiness-digest:{district}:{today:yyyy-MM}", now, ct);
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>One reminder per certificate lapsing before a window: for the earliest such window, naming the other tiers it also affects.</summary>
    private IEnumerable<(string Dedup, JsonObject Model)> CertificateReminders(int round, MemberReadiness row)
    {
        var lapsing = row.Cells.Where(c => c.Standing is TierStanding.Gaps)
            .SelectMany(c => c.Criteria.Where(k => k.Key.StartsWith("certificate:", StringComparison.Ordinal) && k.State == ReadinessState.ExpiresBeforeWindow)
                .Select(k => (Cell: c, Criterion: k)))
            .GroupBy(x => x.Criterion.Key, StringComparer.Ordinal);
        foreach (var certificate in lapsing)
        {
            var ordered = certificate.OrderBy(x => x.Cell.WindowOpensOn ?? DateOnly.MaxValue).ThenBy(x => x.Cell.Tier).ToList();
            var (cell, criterion) = ordered[0];
            var standard = criterion.Key["certificate:".Length..];
            var model = new JsonObject
            {
                ["member_name"] = row.MemberName, ["district_name"] = row.DistrictName, ["certificate_name"] = criterion.Name,
                ["expires_evidence"] = criterion.Evidence, ["year"] = round, ["tier_name"] = DomainText.Of(cell.Tier),
                ["opens_on"] = Day(cell.WindowOpensOn), ["ends_on"] = Day(cell.WindowEndsOn),
                ["other_tiers"] = new JsonArray([.. ordered.Skip(1).Select(x => (JsonNode?)$"{DomainText.Of(x.Cell.Tier)}（申报窗口 {Day(x.Cell.WindowOpensOn)} 开启）")]),
                ["member_url"] = $"{options.AppUrl}/readiness?member={Uri.EscapeDataString(row.MemberId)}",
                ["app_url"] = options.AppUrl,
            };
            yield return ($"readiness-certificate:{row.MemberId}:{standard}:{round}:{cell.Tier}", model);
        }
    }

    /// <summary>The district's month: counts per tier, then each member with gaps, its follow-ups open, overdue and not yet assigned.</summary>
    private JsonObject Digest(int round, string district, IReadOnlyList<MemberReadiness> rows, DateOnly today)
    {
        var tiers = new JsonArray();
        foreach (var tier in rows.SelectMany(r => r.Cells.Select(c => c.Tier)).Distinct().Order())
        {
            var cells = rows.Select(r => r.Cell(tier)).OfType<TierReadiness>().ToList();
            tiers.Add(new JsonObject
            {
                ["tier_name"] = DomainText.Of(tier),
                ["ready"] = cells.Count(c => c.Standing == TierStanding.Ready),
                ["gaps"] = cells.Count(c => c.Standing == TierStanding.Gaps),
                ["not_eligible"] = cells.Count(c => c.Standing == TierStanding.NotEligible),
                ["listed"] = cells.Count(c => c.Standing == TierStanding.Listed),
            });
        }
        var members = new JsonArray();
        foreach (var row in rows.Where(r => r.Checklist.Count > 0))
        {
            var open = row.FollowUps.Where(f => f.DoneOn is null).ToList();
            var overdue = open.Where(f => f.DueOn is { } due && due < today).OrderBy(f => f.DueOn).ToList();
            string NameOf(string key) => row.Checklist.FirstOrDefault(g => g.Key == key)?.Name ?? key;
            members.Add(new JsonObject
            {
                ["member_name"] = row.MemberName,
                ["cells"] = string.Join("；", row.Cells.Select(c => $"{DomainText.Of(c.Tier)} {ReadinessText.Of(c)}")),
                ["gap_count"] = row.Checklist.Count,
                ["gaps"] = new JsonArray([.. row.Checklist.Select(g => (JsonNode?)$"{g.Name}（{ReadinessText.Of(g.State)}）")]),
                ["open_follow_ups"] = open.Count,
                ["overdue_follow_ups"] = overdue.Count,
                ["unassigned"] = row.Checklist.Count(g => row.FollowUpOf(g.Key) is null),
                ["overdue"] = new JsonArray([.. overdue.Select(f => (JsonNode?)
                    $"{NameOf(f.CriterionKey)}：{(string.IsNullOrWhiteSpace(f.Assignee) ? "未指定跟进人" : f.Assignee)}，应于 {Day(f.DueOn)} 完成，已逾期 {today.DayNumber - f.DueOn!.Value.DayNumber} 天")]),
            });
        }
        return new JsonObject
        {
            ["district_name"] = HuangshanUnits.NameOf(district), ["month"] = $"{today.Year}年{today.Month}月", ["year"] = round,
            ["member_count"] = rows.Count, ["tiers"] = tiers, ["members"] = members,
            ["readiness_url"] = $"{options.AppUrl}/readiness", ["app_url"] = options.AppUrl,
        };
    }

    private async Task<int> QueueAsync(string kind, IReadOnlyList<NoticeRecipient> recipients, JsonObject model, string dedup, DateTimeOffset now, CancellationToken ct)
    {
        var queued = 0;
        foreach (var to in recipients)
        {
            if (await OutboxQueue.TryAddAsync(db, OutboxNotice.Create(kind, to, (JsonObject)model.DeepClone(), dedup, now), ct)) queued++;
        }
        return queued;
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未设置";
}
