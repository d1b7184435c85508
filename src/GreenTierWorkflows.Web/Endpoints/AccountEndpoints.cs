using GreenTierWorkflows.Application.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using GreenTierWorkflows.Application.Paging;
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
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").RequireAuthorization("Admins").WithTags("账号管理").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).Produces<PageOf<AccountView>>().ProducesValidationProblem().WithName("ListAccounts").WithSummary("全部账号（管理员）");
        group.MapGet("/{userName}", GetAsync)
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetAccount").WithSummary("一个账号（管理员）");
        group.MapPost("", CreateAsync)
            .Produces<AccountView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithName("CreateAccount").WithSummary("创建账号：角色、所属区县、初始密码（管理员）");
        Change(group.MapPut("/{userName}", ChangeAsync)).WithName("ChangeAccount").WithSummary("修改名称、角色与所属区县（管理员）");
        Change(group.MapPost("/{userName}/disable", DisableAsync)).WithName("DisableAccount").WithSummary("停用账号（管理员）");
        Change(group.MapPost("/{userName}/enable", EnableAsync)).WithName("EnableAccount").WithSummary("启用账号或解除锁定（管理员）");
        Change(group.MapPost("/{userName}/password", ResetPasswordAsync)).WithName("ResetPassword").WithSummary("重置为临时密码（管理员）");

        app.MapPost("/api/account/password", ChangeOwnPasswordAsync)
            .RequireAuthorization().WithTags("账号管理").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithName("ChangeOwnPassword").WithSummary("修改本人密码（之后须重新登录）");
        return app;
    }

    private static async Task<IResult> ListAsync(AccountService accounts, SignedInOfficial who, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var listed = await accounts.ListAsync(who, ct);
        return listed.Ok ? TypedResults.Ok(paging.Slice(listed.Value!)) : ProblemResults.From(listed.Error!);
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> GetAsync(AccountService accounts, SignedInOfficial who,
        string userName, CancellationToken ct) =>
        (await accounts.GetAsync(who, userName, ct)).ToOk();

    private static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> CreateAsync(AccountService accounts, SignedInOfficial who,
        AccountInput input, CancellationToken ct) =>
        (await accounts.CreateAsync(who, input, ct)).ToCreated(a => $"/api/accounts/{a.UserName}");

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(AccountService accounts, SignedInOfficial who,
        string userName, AccountChange change, CancellationToken ct) =>
        (await accounts.ChangeAsync(who, userName, change, ct)).ToOk();

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> DisableAsync(AccountService accounts, SignedInOfficial who,
        string userName, CancellationToken ct) =>
        (await accounts.DisableAsync(who, userName, ct)).ToOk();

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> EnableAsync(AccountService accounts, SignedInOfficial who,
        string userName, CancellationToken ct) =>
        (await accounts.EnableAsync(who, userName, ct)).ToOk();

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(AccountService accounts, SignedInOfficial who,
        string userName, PasswordResetInput input, CancellationToken ct) =>
        (await accounts.ResetPasswordAsync(who, userName, input.Password, ct)).ToOk();

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeOwnPasswordAsync(AccountService accounts, SignedInOfficial who,
        PasswordChangeInput input, CancellationToken ct) =>
        (await accounts.ChangeOwnPasswordAsync(who, input.CurrentPassword, input.NewPassword, input.ConfirmPassword, ct)).ToNoContent();

    /// <summary>What a change of one account answers: the account, or a field problem, 404 or 409.</summary>
    private static RouteHandlerBuilder Change(RouteHandlerBuilder endpoint) => endpoint.Produces<AccountView>().ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
