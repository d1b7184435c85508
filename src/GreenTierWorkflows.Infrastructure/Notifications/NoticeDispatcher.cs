using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>Why a dispatch round ended.</summary>
public enum NoticeRoundEnd
{
    /// <summary>No due notice was left.</summary>
    Drained,
    /// <summary><see cref="NoticeOptions.RoundBudgetSeconds"/> was spent; the notices still due are left to the next round.</summary>
    BudgetSpent,
    /// <summary>The SMTP server could not be reached: one notice was charged an attempt, the rest are left due, uncharged.</summary>
    ServerUnreachable,
}

/// <summary>What one dispatch round did: notices sent, failed (to be retried), dead-lettered, and why the round ended.</summary>
public sealed record NoticeDispatchResult(int Sent, int Failed, int DeadLettered, NoticeRoundEnd End = NoticeRoundEnd.Drained);

/// <summary>
/// Sends due outbox notices: Pending with <c>NextAttemptAt &lt;= now</c>, oldest first, in batches of <see cref="BatchSize"/>,
/// batch after batch until none is due or <see cref="NoticeOptions.RoundBudgetSeconds"/> is spent, on one SMTP connection
/// for the round, saving after each notice. A failed send is retried after <c>RetryBaseSeconds × 2^(Attempts−1)</c> until
/// <c>MaxAttempts</c>, then it is a dead letter; a notice whose model does not fit its template is a dead letter at once. When
/// the server cannot be reached (connect or authentication fails), the notice being sent is charged its attempt and the
/// round stops: the others have not been claimed, are not charged and are due again at the next round. Each notice is
/// claimed before it is sent, so concurrent dispatchers (Hangfire workers, app nodes) never send the same one twice.
/// </summary>
public sealed class NoticeDispatcher(SmtpNoticeSender sender, IOptions<NoticeOptions> options, ILogger<NoticeDispatcher>? logger = null, TimeProvider? clock = null)
{
    public const int BatchSize = 50;
    /// <summary>How long a claimed notice is left to the dispatcher that claimed it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);
    private const int MaxErrorLength = 2000;
    private readonly NoticeOptions settings = options.Value;
    private readonly ILogger log = logger ?? NullLogger<NoticeDispatcher>.Instance;
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    public async Task<NoticeDispatchResult> DispatchDueAsync(GreenTierDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var budget = TimeSpan.FromSeconds(settings.RoundBudgetSeconds);
        int sent = 0, failed = 0, dead = 0;
        await using var smtp = sender.OpenSession();
        while (true)
        {
            // Notices tried this round are no longer due at `now` (sent, dead, retry later, or claimed by someone else),
            // so each query returns the next ones.
            var due = await db.OutboxNotices
                .Where(n => n.Status == NoticeStatus.Pending && n.NextAttemptAt <= now)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (due.Count == 0) return new NoticeDispatchResult(sent, failed, dead);
            foreach (var notice in due)
            {
                ct.ThrowIfCancellationRequested();
                if (time.GetElapsedTime(started) >= budget)
                {
                    log.LogInformation("Notice round spent its {Budget} s after {Sent} sent; the rest is left to the next round.", settings.RoundBudgetSeconds, sent);
                    return new NoticeDispatchResult(sent, failed, dead, NoticeRoundEnd.BudgetSpent);
                }
                // Claim the notice first: a conditional update that only one dispatcher (thread or app node) can win. The lease
                // keeps others off it while this one sends; if this process dies mid-send, the notice is retried after it.
                var seen = notice.NextAttemptAt;
                var claimed = await db.OutboxNotices
                    .Where(n => n.Id == notice.Id && n.Status == NoticeStatus.Pending && n.NextAttemptAt == seen)
                    .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextAttemptAt, now + ClaimLease), ct);
                if (claimed == 0) continue;
                var unreachable = false;
                try
                {
                    await smtp.SendAsync(notice, ct);
                    notice.Status = NoticeStatus.Sent;
                    notice.SentAt = now;
                    notice.LastError = null;
                    sent++;
                }
                catch (NoticeRenderException ex)
                {
                    notice.Attempts++;
                    notice.Status = NoticeStatus.DeadLetter;
                    notice.LastError = Truncate(ex.Message);
                    dead++;
                    log.LogError(ex, "Notice {Id} ({Kind}) cannot be rendered; dead letter.", notice.Id, notice.Kind);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    unreachable = ex is SmtpUnreachableException;
                    notice.Attempts++;
                    notice.LastError = Truncate(ex.Message);
                    if (notice.Attempts >= settings.MaxAttempts)
                    {
                        notice.Status = NoticeStatus.DeadLetter;
                        dead++;
                        log.LogError(ex, "Notice {Id} ({Kind}) failed {Attempts} times; dead letter.", notice.Id, notice.Kind, notice.Attempts);
                    }
                    else
                    {
                        notice.NextAttemptAt = now + RetryDelay(notice.Attempts);
                        failed++;
                        // A dead server is logged once for the round, below, not once per notice.
                        if (!unreachable)
                            log.LogWarning("Notice {Id} ({Kind}) attempt {Attempts} failed, retry at {Next}: {Error}", notice.Id, notice.Kind, notice.Attempts, notice.NextAttemptAt, ex.Message);
                    }
                }
                await db.SaveChangesAsync(CancellationToken.None);
                if (unreachable)
                {
                    // The notices after this one were not claimed: they stay due, uncharged, for the next round.
                    log.LogWarning("Notice round stopped after {Sent} sent: the SMTP server cannot be reached ({Error}); notice {Id} was charged attempt {Attempts} ({Status}), the others wait for the next round.",
                        sent, notice.LastError, notice.Id, notice.Attempts, notice.Status);
                    return new NoticeDispatchResult(sent, failed, dead, NoticeRoundEnd.ServerUnreachable);
                }
            }
        }
    }

    /// <summary>Delay before the next attempt after <paramref name="attempts"/> failures.</summary>
    public TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)));

    private static string Truncate(string message) => message.Length <= MaxErrorLength ? message : message[..MaxErrorLength];
}
