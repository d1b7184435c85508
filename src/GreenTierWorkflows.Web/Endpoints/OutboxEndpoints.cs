using GreenTierWorkflows.Application.Outbox;
using GreenTierWorkflows.Domain.Notices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>The notice outbox for administrators over HTTP (<see cref="OutboxService"/>): list by status, retry a dead letter.</summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbox").RequireAuthorization("Admins").WithTags("通知发件箱");
        group.MapGet("", ListAsync).WithName("ListOutbox").WithSummary("通知发件箱（按状态筛选；死信附最后一次错误）").ProducesValidationProblem();
        group.MapPost("/{id}/retry", RetryAsync).WithName("RetryDeadLetter").WithSummary("死信重新排队发送");
        return app;
    }

    private static async Task<IResult> ListAsync(SignedInOfficial who, OutboxService outbox, NoticeStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var listed = await outbox.ListAsync(who, status, paging.Skip, paging.PageSize, ct);
        return listed.Ok ? TypedResults.Ok(paging.Of(listed.Value.Items, listed.Value.Total)) : ProblemResults.From(listed.Error!);
    }

    private static async Task<Results<Ok<OutboxView>, ValidationProblem, ProblemHttpResult>> RetryAsync(SignedInOfficial who, OutboxService outbox, string id,
        CancellationToken ct) =>
        (await outbox.RetryAsync(who, id, ct)).ToOk();
}
