using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Domain.Notices;

public enum NoticeStatus { Pending, Sent, DeadLetter }

/// <summary>
/// One e-mail to one recipient, written in the same transaction as the event that caused it and sent later by a job.
/// <see cref="DedupKey"/> is unique, so the same event never produces the same mail twice; <see cref="MessageId"/> is
/// fixed at creation so a retry after an unknown outcome is recognisable by the receiving side.
/// </summary>
public sealed class OutboxNotice
{
    public string Id { get; set; } = "";
    /// <summary>Template key, one of <see cref="NoticeKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string DedupKey { get; set; } = "";
    public string RecipientEmail { get; set; } = "";
    public string RecipientName { get; set; } = "";
    public string? RecipientUserId { get; set; }
    /// <summary>Template model as JSON with snake_case keys (see <see cref="NoticeKinds"/>).</summary>
    public string ModelJson { get; set; } = "{}";
    public string? NominationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public NoticeStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string MessageId { get; set; } = "";

    /// <summary>
    /// The mail as rendered once when the notice was queued (subject, text and HTML, the same the 消息中心 shows); null when it
    /// was queued before renderings were kept or could not be rendered then, and the sender renders it when it sends.
    /// </summary>
    public string? RenderedSubject { get; set; }
    /// <summary>The plain-text body rendered when queued (see <see cref="RenderedSubject"/>).</summary>
    public string? RenderedText { get; set; }
    /// <summary>The HTML body rendered when queued (see <see cref="RenderedSubject"/>).</summary>
    public string? RenderedHtml { get; set; }

    /// <summary>Chinese kept as is, so an administrator reading a dead letter sees the text.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static OutboxNotice Create(string kind, NoticeRecipient to, JsonObject model, string dedupKey, DateTimeOffset now, string? nominationId = null)
    {
        var id = Guid.CreateVersion7().ToString("N");
        model["recipient_name"] = to.Name;
        return new OutboxNotice
        {
            Id = id,
            Kind = kind,
            DedupKey = $"{dedupKey}|{to.Email}",
            RecipientEmail = to.Email,
            RecipientName = to.Name,
            RecipientUserId = to.UserId,
            ModelJson = model.ToJsonString(ReadableJson),
            NominationId = nominationId,
            CreatedAt = now,
            NextAttemptAt = now,
            MessageId = $"{id}@greentier.local",
        };
    }
}

/// <summary>An addressee of a notice.</summary>
public sealed record NoticeRecipient(string Email, string Name, string? UserId = null);
