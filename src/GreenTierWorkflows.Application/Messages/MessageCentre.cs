using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Messages;

/// <summary>
/// 消息中心: the notices addressed to the signed-in official (their account, as the outbox resolved the recipients), newest
/// first and paged in the database, unread ones counted for the bell; opening one shows the mail's text and marks it read.
/// An official sees only their own messages: another's is "not found", never revealed.
/// </summary>
public sealed class MessageCentre(GreenTierDbContext db, TimeProvider clock)
{
    private IQueryable<OfficialMessage> Mine(Official official) => db.OfficialMessages.Where(m => m.RecipientUserId == official.UserId);

    /// <summary>One page of the official's messages, newest first; only the unread ones when <paramref name="unreadOnly"/>.</summary>
    public async Task<DomainResult<PageOf<MessageView>>> ListAsync(Official official, bool unreadOnly, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Read(page, pageSize);
        if (paging.Error is { } invalid) return invalid;
        var q = Mine(official).AsNoTracking();
        if (unreadOnly) q = q.Where(m => m.ReadAt == null);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        return paging.Value.Of(items.ConvertAll(MessageView.From), total);
    }

    /// <summary>How many of the official's messages are unread (the bell's number).</summary>
    public Task<int> UnreadCountAsync(Official official, CancellationToken ct = default) =>
        Mine(official).CountAsync(m => m.ReadAt == null, ct);

    /// <summary>Opens a message: its text, and it is read from now on.</summary>
    public async Task<DomainResult<MessageDetail>> OpenAsync(Official official, string id, CancellationToken ct = default)
    {
        var message = await Mine(official).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return DomainError.NotFound("消息");
        if (message.ReadAt is null)
        {
            message.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return MessageDetail.From(message);
    }

    /// <summary>Marks every unread message of the official read.</summary>
    public async Task<DomainResult<MessagesRead>> MarkAllReadAsync(Official official, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var marked = await Mine(official).Where(m => m.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, now), ct);
        return new MessagesRead(marked, await UnreadCountAsync(official, ct));
    }
}
