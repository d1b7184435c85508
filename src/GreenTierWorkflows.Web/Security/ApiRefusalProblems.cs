using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// Gives the authorization refusals of <c>/api</c> and <c>/elsa/api</c> a Chinese problem body (401 未登录, 403 无权访问)
/// after the authentication handlers have set their status and headers; pages keep their redirects.
/// </summary>
public sealed class ApiRefusalProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Succeeded || context.Response.HasStarted || !(IsApi(context.Request.Path) || HttpWorkflows.HttpWorkflowEndpointMetadata.IsWorkflowRequest(context))) return;
        if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
            await Results.Problem(ForbiddenDetail(context.Request.Path), statusCode: StatusCodes.Status403Forbidden, title: "无权访问").ExecuteAsync(context);
        else if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            await Results.Problem("请先登录（登录页或 /elsa/api/identity/login 取得的令牌）。", statusCode: StatusCodes.Status401Unauthorized, title: "未登录").ExecuteAsync(context);
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments(Hosting.AppServiceCollectionExtensions.ApiPrefix);

    private static string ForbiddenDetail(PathString path) => path.StartsWithSegments(Hosting.AppServiceCollectionExtensions.ApiPrefix)
        ? "流程设计接口（Elsa API）仅供流程设计人员和系统管理员使用；办理业务请使用本系统的页面或 /api 接口。"
        : "当前账号没有执行该操作的权限。";
}
