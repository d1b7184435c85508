using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Infrastructure.Notifications;

namespace GreenTierWorkflows.Application.Outbox;

/// <summary>
/// The notice outbox for administrators: what is pending, sent or dead (with the last error), and a dead letter put back
/// in the queue. Each retry, accepted or refused, is audited.
/// </summary>
public sealed class OutboxService(GreenTierDbContext db, TimeProvider clock, IAuditLog audit, NoticeRenderer? renderer = null)
{
    private const string AdminsOnly = "只有系统管理员可以查看通知发件箱。";

    /// <summary>The notices of a status (all when null), newest first: <paramref name="take"/> rows after <paramref name="skip"/>, and how many match.</summary>
    public async Task<DomainResult<(IReadOnlyList<OutboxView> Items, int Total)>> ListAsync(Official official, NoticeStatus? status, int skip, int take,
        CancellationToken ct = default)
    {
        if (!official.IsInRole(Roles.Admin)) return DomainError.Forbidden(AdminsOnly);
        var q = db.OutboxNotices.AsNoTracking();
        if (status is { } s) q = q.Where(n => n.Status == s);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(n => n.CreatedAt).Skip(skip).Take(take).ToListAsync(ct);
        return ((IReadOnlyList<OutboxView>)items.ConvertAll(n => OutboxView.From(n) with { Subject = SubjectOf(n) }), total);
    }

    /// <summary>
    /// The notice's subject as rendered when it was queued; for a notice stored without it, rendered now from its template and
    /// model, or null where the host renders no notices or it cannot be rendered.
    /// </summary>
    private string? SubjectOf(OutboxNotice notice)
    {
        if (notice.RenderedSubject is { } subject) return subject;
        if (renderer is null) return null;
        try
        {
            return JsonNode.Parse(notice.ModelJson) is JsonObject model ? renderer.Render(notice.Kind, model).Subject : null;
        }
        catch (Exception e) when (e is NoticeRenderException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Puts a dead letter back in the queue (attempts from zero, due now); only dead letters may be retried.</summary>
    public async Task<DomainResult<OutboxView>> RetryAsync(Official official, string id, CancellationToken ct = default)
    {
        var notice = official.IsInRole(Roles.Admin) ? await db.OutboxNotices.FirstOrDefaultAsync(n => n.Id == id, ct) : null;
        if (notice is null || notice.Status != NoticeStatus.DeadLetter)
        {
            var refused = !official.IsInRole(Roles.Admin) ? DomainError.Forbidden(AdminsOnly)
                : notice is null ? DomainError.NotFound("通知") : DomainError.Conflict("只有死信可以重新发送。");
            await audit.RecordAsync(new AuditRecord(AuditActions.OutboxRequeued, id, refused.Message, Succeeded: false), ct);
            return refused;
        }
        var detail = $"{notice.Kind} → {notice.RecipientName} <{notice.RecipientEmail}>，已尝试 {notice.Attempts} 次，最后错误：{notice.LastError ?? "无"}";
        (notice.Status, notice.Attempts, notice.NextAttemptAt) = (NoticeStatus.Pending, 0, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord(AuditActions.OutboxRequeued, id, detail), ct);
        return OutboxView.From(notice);
    }
}
