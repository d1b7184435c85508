using GreenTierWorkflows.Domain.Notices;

namespace GreenTierWorkflows.Application.Messages;

/// <summary>An opened message: what the list shows plus the text, as rendered for the mail.</summary>
public sealed record MessageDetail(string Id, string Kind, string Subject, string Text, string? Link, string? NominationId, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    public static MessageDetail From(OfficialMessage m) => new(m.Id, m.Kind, m.Subject, m.Text, m.Link, m.NominationId, m.CreatedAt, m.ReadAt);
}
