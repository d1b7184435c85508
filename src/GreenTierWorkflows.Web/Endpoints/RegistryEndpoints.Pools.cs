using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Pools;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

public static partial class RegistryEndpoints
{
    private static void MapPools(RouteGroupBuilder pools)
    {
        pools.MapGet("/", GetPoolAsync).WithName("ListPoolMembers").WithSummary("培育库：按年度、区县、培育方向、在库状态、关键词（名称或统一社会信用代码）筛选，分页在数据库中完成").ProducesValidationProblem();
        pools.MapPost("/", PostPoolMemberAsync)
            .WithName("EnrolPoolMember").WithSummary("入库：将企业或园区列入年度培育库")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        pools.MapPut("/{id}/guidance", PutGuidanceAsync)
            .WithName("UpdatePoolGuidance").WithSummary("修改培育指导意见")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        pools.MapPost("/{id}/exit", PostExitAsync)
            .WithName("ExitPoolMember").WithSummary("出库（须填写原因）")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<PageOf<PoolMemberDto>>, ValidationProblem, ProblemHttpResult>> GetPoolAsync(
        SignedInOfficial who, CultivationPool pool, [AsParameters] PoolListQuery query, int? page, int? pageSize, CancellationToken ct) =>
        (await pool.ListPageAsync(who, query, page, pageSize, ct)).ToOk();

    private static async Task<Results<Created<PoolMemberDto>, ValidationProblem, ProblemHttpResult>> PostPoolMemberAsync(
        PoolEnrolment? body, SignedInOfficial who, CultivationPool pool, CancellationToken ct) =>
        (await pool.EnrolAsync(who, body, ct)).ToCreated(m => $"/api/pools/{m.Id}");

    private static async Task<Results<Ok<PoolMemberDto>, ValidationProblem, ProblemHttpResult>> PutGuidanceAsync(
        string id, PoolGuidance? body, SignedInOfficial who, CultivationPool pool, CancellationToken ct) =>
        (await pool.UpdateGuidanceAsync(who, id, body, ct)).ToOk();

    private static async Task<Results<Ok<PoolMemberDto>, ValidationProblem, ProblemHttpResult>> PostExitAsync(
        string id, PoolExit? body, SignedInOfficial who, CultivationPool pool, CancellationToken ct) =>
        (await pool.ExitAsync(who, id, body, ct)).ToOk();
}
