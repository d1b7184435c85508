using Microsoft.AspNetCore.WebUtilities;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// RFC 7807 answers for what the endpoints themselves do not answer: malformed JSON or forms, wrong content types and
/// unhandled errors. Titles are Chinese; no answer carries an exception or stack trace outside Development, and a bad
/// request is a clean 400 problem in every environment (minimal APIs no longer throw on it).
/// </summary>
public static class ProblemDetailsHosting
{
    private static readonly Dictionary<int, (string Title, string? Detail)> Chinese = new()
    {
        [StatusCodes.Status400BadRequest] = ("请求无效", "请求内容无法识别：请检查 JSON 或表单的格式与字段。"),
        [StatusCodes.Status401Unauthorized] = ("未登录", null),
        [StatusCodes.Status403Forbidden] = ("无权操作", null),
        [StatusCodes.Status404NotFound] = ("未找到", null),
        [StatusCodes.Status405MethodNotAllowed] = ("不支持该请求方法", null),
        [StatusCodes.Status409Conflict] = ("操作冲突", null),
        [StatusCodes.Status413PayloadTooLarge] = ("请求内容过大", null),
        [StatusCodes.Status415UnsupportedMediaType] = ("不支持的内容类型", "请求的 Content-Type 不被该接口接受。"),
        [StatusCodes.Status429TooManyRequests] = ("请求过于频繁", null),
        [StatusCodes.Status500InternalServerError] = ("服务器内部错误", "处理请求时出错，请稍后重试；如持续出现，请联系管理员。"),
    };

    /// <summary>Empty answers of these codes on API routes get a problem body (others stay as the endpoint left them).</summary>
    private static readonly HashSet<int> MalformedRequest =
        [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    /// <summary>Registers problem details with Chinese default titles and makes bad requests answers, not exceptions.</summary>
    public static WebApplicationBuilder AddGreenTierProblemDetails(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            if (Chinese.TryGetValue(status, out var text) && IsFrameworkDefault(problem.Title, status))
            {
                problem.Title = text.Title;
                problem.Detail ??= text.Detail;
            }
            if (!development)
            {
                // Whatever a handler put there, an exception's text and stack stay in the log.
                problem.Extensions.Remove("exception");
                problem.Extensions.Remove("stackTrace");
                if (ctx.Exception is not null && status >= 500) problem.Detail = Chinese[StatusCodes.Status500InternalServerError].Detail;
            }
        });
        // Development sets this to true, which turns every malformed body into an exception page with a stack trace.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        return builder;
    }

    /// <summary>Unhandled errors as a 500 problem (outside Development) and empty 400/413/415 API answers as problems.</summary>
    public static WebApplication UseGreenTierProblemDetails(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler();
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (NotFoundPage.Applies(http))
            {
                await NotFoundPage.WriteAsync(http);
                return;
            }
            if (!MalformedRequest.Contains(http.Response.StatusCode) || !IsApi(http.Request.Path)) return;
            var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
        });
        return app;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments(AppServiceCollectionExtensions.ApiPrefix);

    private static bool IsFrameworkDefault(string? title, int status) =>
        title is null || title == ReasonPhrases.GetReasonPhrase(status) || title == "An error occurred while processing your request.";
}
