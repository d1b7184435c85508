using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>The notice outbox for administrators: what is pending, sent or dead (with the last error), and a retry of dead letters.</summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbox").RequireAuthorization("Admins").WithTags("通知发件箱");
        group.MapGet("", ListAsync).WithName("ListOutbox").WithSummary("通知发件箱（按状态筛选；死信附最后一次错误）").ProducesValidationProblem();
        group.MapPost("/{id}/retry", RetryAsync).WithName("RetryDeadLetter").WithSummary("死信重新排队发送");
        return app;
    }

    private static async Task<IResult> ListAsync(GreenTierDbContext db, NoticeStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var q = db.OutboxNotices.AsNoTracking();
        if (status is { } s) q = q.Where(n => n.Status == s);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(n => n.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return TypedResults.Ok(paging.Of(items.ConvertAll(OutboxView.From), total));
    }

    private static async Task<IResult> RetryAsync(GreenTierDbContext db, TimeProvider clock, IAuditLog audit, string id, CancellationToken ct)
    {
        var notice = await db.OutboxNotices.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null || notice.Status != NoticeStatus.DeadLetter)
        {
            var refused = notice is null ? DomainError.NotFound("通知") : DomainError.Conflict("只有死信可以重新发送。");
            await audit.RecordAsync(new AuditRecord(AuditActions.OutboxRequeued, id, refused.Message, Succeeded: false), ct);
            return ProblemResults.From(refused);
        }
        var detail = $"{notice.Kind} → {notice.RecipientName} <{notice.RecipientEmail}>，已尝试 {notice.Attempts} 次，最后错误：{notice.LastError ?? "无"}";
        (notice.Status, notice.Attempts, notice.NextAttemptAt) = (NoticeStatus.Pending, 0, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord(AuditActions.OutboxRequeued, id, detail), ct);
        return TypedResults.Ok(OutboxView.From(notice));
    }
}
