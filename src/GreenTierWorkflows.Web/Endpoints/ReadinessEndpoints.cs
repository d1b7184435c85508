using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Spreadsheets;
using GreenTierWorkflows.Web.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>培育梯度 over HTTP (<see cref="ReadinessService"/>): the ladder of the caller's scope, one member, its checklist, the .xlsx.</summary>
public static class ReadinessEndpoints
{
    public const string ExportPath = "/exports/readiness.xlsx";

    public static IEndpointRouteBuilder MapReadinessEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/readiness").RequireAuthorization().WithTags("培育梯度");
        group.MapGet("", GetBoardAsync).WithName("ReadinessBoard")
            .WithSummary("培育梯度：在库对象逐级（市级/省级/国家级）的申报条件，按区县、培育方向、层级与状态、关键词筛选（分页）").ProducesValidationProblem();
        group.MapGet("/round", GetRoundAsync).WithName("ReadinessRound").WithSummary("培育梯度对照的申报年度与所用规则文件");
        group.MapGet("/plan", GetPlanAsync).WithName("ReadinessPlan")
            .WithSummary("目标测算：当前可申报对象 × 历史各环节通过率 → 预计进入省级名单的数量、可改变结果的对象、目标预警");
        group.MapGet("/{memberId}", GetMemberAsync).WithName("ReadinessMember").WithSummary("一个培育对象的逐级条件与差距清单")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{memberId}/follow-ups", PutFollowUpAsync).WithName("SaveReadinessFollowUp")
            .WithSummary("记录一项差距的指导意见、跟进人与完成时限（区县）")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        // Beside the other list exports (/exports/nominations.xlsx, /exports/pools.xlsx): a file, not an API resource.
        app.MapGet(ExportPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>One page of the ladder, in the API's one list shape (<c>items, page, pageSize, total</c>); the round it is judged against is <c>/round</c>.</summary>
    private static async Task<IResult> GetBoardAsync(SignedInOfficial who, ReadinessService readiness, [AsParameters] ReadinessQuery query,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var board = await readiness.PageAsync(who, query, paging, ct);
        return board.Error is { } refused ? ProblemResults.From(refused) : TypedResults.Ok(paging.Of(board.Value!.Rows, board.Value.Total.GetValueOrDefault()));
    }

    private static async Task<Ok<ReadinessRound>> GetRoundAsync(SignedInOfficial who, ReadinessService readiness, CancellationToken ct) =>
        TypedResults.Ok(await readiness.RoundAsync(ct));

    private static async Task<Results<Ok<MemberReadiness>, ValidationProblem, ProblemHttpResult>> GetMemberAsync(
        string memberId, SignedInOfficial who, ReadinessService readiness, CancellationToken ct) =>
        (await readiness.MemberAsync(who, memberId, ct)).ToOk();

    private static async Task<Results<Ok<MemberReadiness>, ValidationProblem, ProblemHttpResult>> PutFollowUpAsync(
        string memberId, FollowUpInput? body, SignedInOfficial who, ReadinessService readiness, CancellationToken ct) =>
        (await readiness.SaveFollowUpAsync(who, memberId, body, ct)).ToOk();

    private static async Task<Results<Ok<ReadinessPlan>, ValidationProblem, ProblemHttpResult>> GetPlanAsync(
        SignedInOfficial who, ReadinessPlanner planner, CancellationToken ct) =>
        (await planner.PlanAsync(who, null, ct)).ToOk();

    private static async Task<IResult> ExportAsync(SignedInOfficial who, ReadinessService readiness, [AsParameters] ReadinessQuery query, CancellationToken ct)
    {
        // Written a batch of members at a time as they are read (the writer's worker thread waits for each): the city's
        // 100,000 members are never held at once.
        var sheet = await readiness.SheetAsync(who, query, ct);
        if (sheet.Error is { } refused) return ProblemResults.From(refused);
        var rows = sheet.Value!.Rows.ToBlockingEnumerable(ct).SelectMany(batch => batch);
        return await XlsxExport.FileAsync(rows, Columns, "培育梯度", $"培育梯度-{sheet.Value.RoundYear}.xlsx", ct);
    }

    private static readonly IReadOnlyList<SpreadsheetColumn<ReadinessSheetRow>> Columns =
    [
        new("培育对象", r => r.MemberName),
        new("区县", r => r.DistrictName),
        new("培育方向", r => DomainText.Of(r.Type)),
        new("市级", r => r.City),
        new("省级", r => r.Province),
        new("国家级", r => r.National),
        new("差距清单", r => r.Checklist),
        new("跟进情况", r => r.FollowUps),
    ];
}
