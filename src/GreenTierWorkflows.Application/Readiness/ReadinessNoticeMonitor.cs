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
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        // The city's ladder a batch at a time, in district order: each district's digest is summed up while its rows pass,
        // so memory holds one batch and one digest, not the whole board.
        var board = (await readiness.BatchesAsync(ReadinessService.Everyone, null, ct)).Value
            ?? throw new InvalidOperationException("培育梯度无法计算，提醒未发送。");
        var now = clock.GetUtcNow();
        var today = ChinaTime.DayOf(now);
        var queued = 0;
        DistrictDigest? digest = null;
        IReadOnlyList<NoticeRecipient> recipients = [];
        await foreach (var batch in board.Rows.WithCancellation(ct))
            foreach (var row in batch)
            {
                if (digest?.District != row.DistrictCode)
                {
                    if (digest is not null) queued += await QueueDigestAsync(board.RoundYear, digest, recipients, today, now, ct);
                    digest = new DistrictDigest(row.DistrictCode, new Official("system", "system", "系统", [Roles.District], row.DistrictCode));
                    recipients = await RecipientDirectory.FindAsync(db, Roles.District, row.DistrictCode, ct);
                }
                // The district's own rows, by the one jurisdiction rule.
                if (recipients.Count == 0 || !digest.Scope.CanSeeDistrict(row.DistrictCode)) continue;
                foreach (var (dedup, model) in CertificateReminders(board.RoundYear, row))
                    queued += await QueueAsync(NoticeKinds.CertificateExpiring, recipients, model, dedup, now, ct);
                digest.Add(row, today);
            }
        if (digest is not null) queued += await QueueDigestAsync(board.RoundYear, digest, recipients, today, now, ct);
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<int> QueueDigestAsync(int round, DistrictDigest digest, IReadOnlyList<NoticeRecipient> recipients, DateOnly today, DateTimeOffset now,
        CancellationToken ct) =>
        recipients.Count == 0 ? 0
            : await QueueAsync(NoticeKinds.ReadinessDigest, recipients, digest.Model(round, today, options.AppUrl), $"readiness-digest:{digest.District}:{today:yyyy-MM}", now, ct);

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

    private async Task<int> QueueAsync(string kind, IReadOnlyList<NoticeRecipient> recipients, JsonObject model, string dedup, DateTimeOffset now, CancellationToken ct)
    {
        var queued = 0;
        foreach (var to in recipients)
        {
            if (await OutboxQueue.TryAddAsync(db, OutboxNotice.Create(kind, to, (JsonObject)model.DeepClone(), dedup, now), ct)) queued++;
        }
        return queued;
    }

    internal static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未设置";
}
