using GreenTierWorkflows.Domain.Notices;

namespace GreenTierWorkflows.Application.Messages;

/// <summary>A message in the 消息中心 list: its subject, the page it points to, when it came and whether it has been read.</summary>
public sealed record MessageView(string Id, string Kind, string Subject, string? Link, string? NominationId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool Unread => ReadAt is null;

    public static MessageView From(OfficialMessage m) => new(m.Id, m.Kind, m.Subject, m.Link, m.NominationId, m.CreatedAt, m.ReadAt);
}
