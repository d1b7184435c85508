namespace GreenTierWorkflows.Domain.Notices;

/// <summary>
/// A notice as the official sees it in the app's 消息中心: one row per outbox notice addressed to an account, written in the
/// same transaction that queues the notice (so the mail and the message are never one without the other), with the mail's
/// rendered subject and text, the page it points to and when the official read it.
/// </summary>
public sealed class OfficialMessage
{
    public string Id { get; set; } = "";
    /// <summary>The addressee's account (the notice's <see cref="OutboxNotice.RecipientUserId"/>).</summary>
    public string RecipientUserId { get; set; } = "";
    /// <summary>The outbox notice this message mirrors (unique).</summary>
    public string NoticeId { get; set; } = "";
    /// <summary>Template key, one of <see cref="NoticeKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>The plain-text body the mail has.</summary>
    public string Text { get; set; } = "";
    /// <summary>The app page the notice points to (a path such as <c>/tasks/…</c>), if any.</summary>
    public string? Link { get; set; }
    public string? NominationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the official opened it (or marked it read); null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}
