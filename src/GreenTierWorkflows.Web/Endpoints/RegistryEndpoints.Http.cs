using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

// The HTTP handlers of the registry routes: each binds the request (route, query, body, the signed-in official) and
// calls one core, which the officials' pages call too.
public static partial class RegistryEndpoints
{
    private static Task<Results<Ok<UnitDto>, ValidationProblem, ProblemHttpResult>> PutUnitAsync(
        string code, UnitUpdate? body, SignedInOfficial who, GreenTierDbContext db, CancellationToken ct) =>
        UpdateUnitAsync(who, code, body, db, ct);

    private static Task<Results<Ok<PageOf<EnterpriseDto>>, ValidationProblem>> GetEnterprisesAsync(
        SignedInOfficial who, GreenTierDbContext db, string? district, string? search, int? page, int? pageSize, CancellationToken ct) =>
        ListEnterprisesAsync(who, db, ct, district, search, page, pageSize);

    private static Task<Results<Ok<EnterpriseDto>, ProblemHttpResult>> GetEnterpriseByIdAsync(
        string id, SignedInOfficial who, GreenTierDbContext db, CancellationToken ct) =>
        GetEnterpriseAsync(who, id, db, ct);

    private static Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> PostEnterpriseAsync(
        EnterpriseInput? body, SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        CreateEnterpriseAsync(who, body, db, clock, ct);

    private static Task<Results<Ok<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> PutEnterpriseAsync(
        string id, EnterpriseInput? body, SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        UpdateEnterpriseAsync(who, id, body, db, clock, ct);

    private static Task<Results<Ok<PageOf<ParkDto>>, ValidationProblem>> GetParksAsync(
        SignedInOfficial who, GreenTierDbContext db, string? district, string? search, int? page, int? pageSize, CancellationToken ct) =>
        ListParksAsync(who, db, ct, district, search, page, pageSize);

    private static Task<Results<Ok<ParkDto>, ProblemHttpResult>> GetParkByIdAsync(
        string id, SignedInOfficial who, GreenTierDbContext db, CancellationToken ct) =>
        GetParkAsync(who, id, db, ct);

    private static Task<Results<Created<ParkDto>, ValidationProblem, ProblemHttpResult>> PostParkAsync(
        ParkInput? body, SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        CreateParkAsync(who, body, db, clock, ct);

    private static Task<Results<Ok<ParkDto>, ValidationProblem, ProblemHttpResult>> PutParkAsync(
        string id, ParkInput? body, SignedInOfficial who, GreenTierDbContext db, CancellationToken ct) =>
        UpdateParkAsync(who, id, body, db, ct);

    /// <summary>The pool in the caller's scope, one page of it (<see cref="PageRequest"/>), in the core's order.</summary>
    private static async Task<Results<Ok<PageOf<PoolMemberDto>>, ValidationProblem>> GetPoolAsync(
        SignedInOfficial who, GreenTierDbContext db, int? year, string? district, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Read(page, pageSize, errors.Add);
        if (errors.Any) return errors.ToProblem();
        var listed = await ListPoolAsync(who, db, ct, year, district);
        return listed.Result switch
        {
            Ok<PoolMemberDto[]> ok => TypedResults.Ok(paging.Slice<PoolMemberDto>(ok.Value!)),
            ValidationProblem invalid => invalid,
            var other => throw new InvalidOperationException($"Unexpected result {other.GetType().Name}."),
        };
    }

    private static Task<Results<Created<PoolMemberDto>, ValidationProblem, ProblemHttpResult>> PostPoolMemberAsync(
        PoolEnrolment? body, SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        EnrolAsync(who, body, db, clock, ct);

    private static Task<Results<Ok<PoolMemberDto>, ValidationProblem, ProblemHttpResult>> PutGuidanceAsync(
        string id, PoolGuidance? body, SignedInOfficial who, GreenTierDbContext db, CancellationToken ct) =>
        UpdateGuidanceAsync(who, id, body, db, ct);

    private static Task<Results<Ok<PoolMemberDto>, ValidationProblem, ProblemHttpResult>> PostExitAsync(
        string id, PoolExit? body, SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        ExitAsync(who, id, body, db, clock, ct);
}
