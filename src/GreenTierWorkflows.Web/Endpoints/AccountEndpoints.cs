using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Identity;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// 账号管理 over HTTP: administrators list, create, change, disable, enable accounts and reset passwords; every official
/// changes their own password. The rules are <see cref="AccountService"/>'s, the same the pages use.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>A temporary password set by an administrator.</summary>
    public sealed record PasswordResetInput(string? Password);

    /// <summary>An official's own password change.</summary>
    public sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").RequireAuthorization("Admins").WithTags("账号管理").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", async (AccountService accounts, HttpContext http, CancellationToken ct) =>
                From(await accounts.ListAsync(await CurrentOfficial.GetAsync(http), ct)))
            .Produces<IReadOnlyList<AccountView>>().WithName("ListAccounts").WithSummary("全部账号（管理员）");
        group.MapGet("/{userName}", async (AccountService accounts, HttpContext http, string userName, CancellationToken ct) =>
                From(await accounts.GetAsync(await CurrentOfficial.GetAsync(http), userName, ct)))
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetAccount").WithSummary("一个账号（管理员）");
        group.MapPost("", async (AccountService accounts, HttpContext http, AccountInput input, CancellationToken ct) =>
            {
                var created = await accounts.CreateAsync(await CurrentOfficial.GetAsync(http), input, ct);
                return created.Ok ? TypedResults.Created($"/api/accounts/{created.Value!.UserName}", created.Value) : ProblemResults.From(created.Error!);
            })
            .Produces<AccountView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithName("CreateAccount").WithSummary("创建账号：角色、所属区县、初始密码（管理员）");
        Change(group.MapPut("/{userName}", async (AccountService accounts, HttpContext http, string userName, AccountChange change, CancellationToken ct) =>
                From(await accounts.ChangeAsync(await CurrentOfficial.GetAsync(http), userName, change, ct))))
            .WithName("ChangeAccount").WithSummary("修改名称、角色与所属区县（管理员）");
        Change(group.MapPost("/{userName}/disable", async (AccountService accounts, HttpContext http, string userName, CancellationToken ct) =>
                From(await accounts.DisableAsync(await CurrentOfficial.GetAsync(http), userName, ct))))
            .WithName("DisableAccount").WithSummary("停用账号（管理员）");
        Change(group.MapPost("/{userName}/enable", async (AccountService accounts, HttpContext http, string userName, CancellationToken ct) =>
                From(await accounts.EnableAsync(await CurrentOfficial.GetAsync(http), userName, ct))))
            .WithName("EnableAccount").WithSummary("启用账号或解除锁定（管理员）");
        Change(group.MapPost("/{userName}/password", async (AccountService accounts, HttpContext http, string userName, PasswordResetInput input, CancellationToken ct) =>
                From(await accounts.ResetPasswordAsync(await CurrentOfficial.GetAsync(http), userName, input.Password, ct))))
            .WithName("ResetPassword").WithSummary("重置为临时密码（管理员）");

        app.MapPost("/api/account/password", async (AccountService accounts, HttpContext http, PasswordChangeInput input, CancellationToken ct) =>
                await accounts.ChangeOwnPasswordAsync(await CurrentOfficial.GetAsync(http), input.CurrentPassword, input.NewPassword, input.ConfirmPassword, ct) is { } error
                    ? ProblemResults.From(error)
                    : TypedResults.NoContent())
            .RequireAuthorization().WithTags("账号管理").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithName("ChangeOwnPassword").WithSummary("修改本人密码（之后须重新登录）");
        return app;
    }

    /// <summary>What a change of one account answers: the account, or a field problem, 404 or 409.</summary>
    private static RouteHandlerBuilder Change(RouteHandlerBuilder endpoint) => endpoint.Produces<AccountView>().ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The value, or the refusal as a Chinese RFC 7807 answer.</summary>
    internal static IResult From<T>(DomainResult<T> result) => result.Ok ? TypedResults.Ok(result.Value) : ProblemResults.From(result.Error!);
}
