using GreenTierWorkflows.Domain.Notices;

namespace GreenTierWorkflows.Application.Outbox;

/// <summary>A notice in the outbox: recipient, status, attempts and the last error; its subject as rendered now (null if it cannot be).</summary>
public sealed record OutboxView(string Id, string Kind, string RecipientEmail, string RecipientName, NoticeStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string MessageId, string? NominationId,
    string? Subject = null)
{
    public static OutboxView From(OutboxNotice n) => new(n.Id, n.Kind, n.RecipientEmail, n.RecipientName, n.Status, n.Attempts, n.CreatedAt,
        n.NextAttemptAt, n.SentAt, n.LastError, n.MessageId, n.NominationId);
}
