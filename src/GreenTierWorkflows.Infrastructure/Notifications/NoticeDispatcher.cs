using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>What one dispatch round did.</summary>
public sealed record NoticeDispatchResult(int Sent, int Failed, int DeadLettered);

/// <summary>
/// Sends due outbox notices: Pending with <c>NextAttemptAt &lt;= now</c>, oldest first, at most <see cref="BatchSize"/> per round,
/// saving after each one. A failed send is retried after <c>RetryBaseSeconds × 2^(Attempts−1)</c> until <c>MaxAttempts</c>, then
/// it is a dead letter; a notice whose model does not fit its template is a dead letter at once. Each notice is claimed
/// before it is sent, so concurrent dispatchers (Hangfire workers, app nodes) never send the same one twice.
/// </summary>
public sealed class NoticeDispatcher(SmtpNoticeSender sender, IOptions<NoticeOptions> options, ILogger<NoticeDispatcher>? logger = null)
{
    public const int BatchSize = 50;
    /// <summary>How long a claimed notice is left to the dispatcher that claimed it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);
    private const int MaxErrorLength = 2000;
    private readonly NoticeOptions settings = options.Value;
    private readonly ILogger log = logger ?? NullLogger<NoticeDispatcher>.Instance;

    public async Task<NoticeDispatchResult> DispatchDueAsync(GreenTierDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var due = await db.OutboxNotices
            .Where(n => n.Status == NoticeStatus.Pending && n.NextAttemptAt <= now)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        int sent = 0, failed = 0, dead = 0;
        foreach (var notice in due)
        {
            ct.ThrowIfCancellationRequested();
            // Claim the notice first: a conditional update that only one dispatcher (thread or app node) can win. The lease
            // keeps others off it while this one sends; if this process dies mid-send, the notice is retried after it.
            var seen = notice.NextAttemptAt;
            var claimed = await db.OutboxNotices
                .Where(n => n.Id == notice.Id && n.Status == NoticeStatus.Pending && n.NextAttemptAt == seen)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextAttemptAt, now + ClaimLease), ct);
            if (claimed == 0) continue;
            try
            {
                await sender.SendAsync(notice, ct);
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
                    log.LogWarning("Notice {Id} ({Kind}) attempt {Attempts} failed, retry at {Next}: {Error}", notice.Id, notice.Kind, notice.Attempts, notice.NextAttemptAt, ex.Message);
                }
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return new NoticeDispatchResult(sent, failed, dead);
    }

    /// <summary>Delay before the next attempt after <paramref name="attempts"/> failures.</summary>
    public TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)));

    private static string Truncate(string message) => message.Length <= MaxErrorLength ? message : message[..MaxErrorLength];
}
