using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The registry API under <c>/api</c>: units and their bureaus, enterprises, industrial parks and the yearly cultivation
/// pools. Every call needs a signed-in official; district officials see and change their own unit only (records of
/// other units answer 404). Errors are RFC 7807 problem details in Chinese, field errors keyed by the JSON field name.
/// Each handler binds the request and calls one use case of Application/Registry or Application/Pools, where the rules
/// live; a refused request changes nothing.
/// </summary>
public static partial class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        var units = api.MapGroup("/units").WithTags("区县与主管部门");
        units.MapGet("/", ListUnitsAsync).WithName("ListUnits").WithSummary("区县（功能区）及主管部门");
        units.MapPut("/{code}", PutUnitAsync)
            .WithName("UpdateUnit").WithSummary("修改主管部门名称（系统管理员）")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var enterprises = api.MapGroup("/enterprises").WithTags("企业");
        enterprises.MapGet("/", GetEnterprisesAsync).WithName("ListEnterprises").WithSummary("企业列表（按辖区）").ProducesValidationProblem();
        enterprises.MapGet("/{id}", GetEnterpriseByIdAsync).WithName("GetEnterprise").WithSummary("企业详情").ProducesProblem(StatusCodes.Status404NotFound);
        enterprises.MapPost("/", PostEnterpriseAsync)
            .WithName("CreateEnterprise").WithSummary("登记企业").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        enterprises.MapPut("/{id}", PutEnterpriseAsync)
            .WithName("UpdateEnterprise").WithSummary("修改企业信息").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var parks = api.MapGroup("/parks").WithTags("园区");
        parks.MapGet("/", GetParksAsync).WithName("ListParks").WithSummary("园区列表（按辖区）").ProducesValidationProblem();
        parks.MapGet("/{id}", GetParkByIdAsync).WithName("GetPark").WithSummary("园区详情").ProducesProblem(StatusCodes.Status404NotFound);
        parks.MapPost("/", PostParkAsync)
            .WithName("CreatePark").WithSummary("登记园区").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        parks.MapPut("/{id}", PutParkAsync)
            .WithName("UpdatePark").WithSummary("修改园区信息").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        MapPools(api.MapGroup("/pools").WithTags("培育库"));
        return app;
    }

    private static async Task<Results<Ok<PageOf<UnitDto>>, ValidationProblem, ProblemHttpResult>> ListUnitsAsync(
        UnitDirectory units, int? page, int? pageSize, CancellationToken ct) =>
        (await units.ListAsync(page, pageSize, ct)).ToOk();

    private static async Task<Results<Ok<UnitDto>, ValidationProblem, ProblemHttpResult>> PutUnitAsync(
        string code, UnitUpdate? body, SignedInOfficial who, UnitDirectory units, CancellationToken ct) =>
        (await units.UpdateAsync(who, code, body, ct)).ToOk();

    private static async Task<Results<Ok<PageOf<EnterpriseDto>>, ValidationProblem, ProblemHttpResult>> GetEnterprisesAsync(
        SignedInOfficial who, EnterpriseRegistry registry, string? district, string? search, int? page, int? pageSize, CancellationToken ct) =>
        (await registry.ListAsync(who, district, search, page, pageSize, ct)).ToOk();

    private static async Task<Results<Ok<EnterpriseDto>, ProblemHttpResult>> GetEnterpriseByIdAsync(
        string id, SignedInOfficial who, EnterpriseRegistry registry, CancellationToken ct) =>
        (await registry.GetAsync(who, id, ct)).ToFound();

    private static async Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> PostEnterpriseAsync(
        EnterpriseInput? body, SignedInOfficial who, EnterpriseRegistry registry, CancellationToken ct) =>
        (await registry.CreateAsync(who, body, ct)).ToCreated(e => $"/api/enterprises/{e.Id}");

    private static async Task<Results<Ok<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> PutEnterpriseAsync(
        string id, EnterpriseInput? body, SignedInOfficial who, EnterpriseRegistry registry, CancellationToken ct) =>
        (await registry.UpdateAsync(who, id, body, ct)).ToOk();

    private static async Task<Results<Ok<PageOf<ParkDto>>, ValidationProblem, ProblemHttpResult>> GetParksAsync(
        SignedInOfficial who, ParkRegistry registry, string? district, string? search, int? page, int? pageSize, CancellationToken ct) =>
        (await registry.ListAsync(who, district, search, page, pageSize, ct)).ToOk();

    private static async Task<Results<Ok<ParkDto>, ProblemHttpResult>> GetParkByIdAsync(
        string id, SignedInOfficial who, ParkRegistry registry, CancellationToken ct) =>
        (await registry.GetAsync(who, id, ct)).ToFound();

    private static async Task<Results<Created<ParkDto>, ValidationProblem, ProblemHttpResult>> PostParkAsync(
        ParkInput? body, SignedInOfficial who, ParkRegistry registry, CancellationToken ct) =>
        (await registry.CreateAsync(who, body, ct)).ToCreated(p => $"/api/parks/{p.Id}");

    private static async Task<Results<Ok<ParkDto>, ValidationProblem, ProblemHttpResult>> PutParkAsync(
        string id, ParkInput? body, SignedInOfficial who, ParkRegistry registry, CancellationToken ct) =>
        (await registry.UpdateAsync(who, id, body, ct)).ToOk();
}
