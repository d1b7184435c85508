using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>Notice recipients: users' e-mail addresses by role, narrowed to one district for district officials.</summary>
public static class RecipientDirectory
{
    public static async Task<IReadOnlyList<NoticeRecipient>> FindAsync(GreenTierDbContext db, string role, string? district, CancellationToken ct = default)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (roleId is null) return [];
        var users = db.Users.Where(u => u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        if (role == Roles.District && district is not null) users = users.Where(u => u.Jurisdiction == district);
        return await users.OrderBy(u => u.UserName)
            .Select(u => new NoticeRecipient(u.Email!, u.DisplayName == "" ? u.UserName! : u.DisplayName, u.Id)).ToListAsync(ct);
    }
}

/// <summary>Adding notices to the outbox without tripping over its unique dedup key.</summary>
public static class OutboxQueue
{
    /// <summary>Adds the notice unless one with the same dedup key is stored or already pending in this unit of work.</summary>
    public static async Task<bool> TryAddAsync(GreenTierDbContext db, OutboxNotice notice, CancellationToken ct = default)
    {
        if (db.OutboxNotices.Local.Any(n => n.DedupKey == notice.DedupKey) || await db.OutboxNotices.AnyAsync(n => n.DedupKey == notice.DedupKey, ct))
            return false;
        db.OutboxNotices.Add(notice);
        return true;
    }
}
