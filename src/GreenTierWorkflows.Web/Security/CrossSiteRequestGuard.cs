using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// Refuses cross-site request forgery for every state change that a browser's sign-in cookie would authorize: any
/// POST, PUT, PATCH or DELETE made with the cookie (not with a bearer token), and every one under <c>/account</c>
/// (sign-in, sign-out). One rule for <c>/api</c>, <c>/elsa/api</c>, <c>/account</c> and every other cookie route:
/// <list type="number">
/// <item>a request that a browser marks as coming from another site (<c>Sec-Fetch-Site: cross-site</c> or
/// <c>same-site</c>, e.g. another port of the same host) or from another origin (<c>Origin</c>) is refused;</item>
/// <item>the request must show that a page of this app sent it: a valid antiforgery token (form field or the
/// <c>RequestVerificationToken</c> header), or something a foreign page cannot produce without a CORS preflight, which
/// this app never grants — a non-form body (JSON), a method other than POST, an <c>X-Requested-With</c> header — or the
/// browser's own <c>Sec-Fetch-Site: same-origin</c> / matching <c>Origin</c>, which pages cannot set.</item>
/// </list>
/// Refusals are a Chinese 403 problem, recorded in the audit; the endpoint never runs, so nothing changes.
/// </summary>
/// <remarks>
/// The officials' Blazor pages change data in-process over their circuit and Elsa Studio sends same-origin JSON, so both
/// pass; so do the sign-in form (it carries a token) and the logout forms (same-origin form posts). Bearer-token clients
/// are not affected: a foreign page cannot attach an <c>Authorization</c> header without a preflight.
/// </remarks>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptionsMonitor<CrossSiteRequestOptions> options, ILogger<CrossSiteRequestGuard> logger)
{
    private const string RequestedWithHeader = "X-Requested-With";
    private static readonly string[] FormMediaTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!IsGuarded(context))
        {
            await next(context);
            return;
        }
        var refusal = await RefusalAsync(context, antiforgery);
        if (refusal is null)
        {
            await next(context);
            return;
        }

        logger.LogWarning("Cross-site request refused: {Method} {Path} ({Reason})", context.Request.Method, context.Request.Path, refusal);
        await context.RequestServices.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditRecord(AuditActions.RequestRefused, $"{context.Request.Method} {context.Request.Path}", refusal, Succeeded: false)
            {
                ActorName = context.User.Identity?.Name,
                ClientAddress = ClientAddress.Of(context),
            }, context.RequestAborted);
        await Results.Problem(refusal + "请在本系统的页面中操作；接口调用请使用令牌（Authorization: Bearer）。",
            statusCode: StatusCodes.Status403Forbidden, title: "跨站请求已被拒绝").ExecuteAsync(context);
    }

    /// <summary>A state change authorized by the sign-in cookie, or any state change under /account.</summary>
    private static bool IsGuarded(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
            HttpMethods.IsTrace(request.Method))
            return false;
        if (request.Path.StartsWithSegments("/account")) return true;
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return !bearer && context.User.Identity?.IsAuthenticated == true;
    }

    /// <summary>Why the request is refused (Chinese, for the problem detail), or null when it may proceed.</summary>
    private async Task<string?> RefusalAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
            return "浏览器标明该请求来自其他网站。";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(request, origin))
            return $"该请求来自其他来源（{origin}）。";

        if (site == "same-origin" || origin.Length > 0) return null;
        if (!HttpMethods.IsPost(request.Method) || request.Headers.ContainsKey(RequestedWithHeader)) return null;
        if (!IsFormLike(request.ContentType)) return null;
        try
        {
            if (await antiforgery.IsRequestValidAsync(context)) return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return "请求内容无法读取，且缺少有效的防伪令牌。";
        }
        return "请求缺少有效的防伪令牌。";
    }

    /// <summary>Form posts, text/plain and bodiless POSTs: what a foreign page can send without a preflight.</summary>
    private static bool IsFormLike(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return true;
        return FormMediaTypes.Any(t => media.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The app's own origin (scheme-insensitive host and port, so a TLS-terminating proxy that keeps the Host header
    /// needs no setting) or a configured trusted origin. <c>Origin: null</c> (sandboxed frames, some redirects) is foreign.
    /// </summary>
    private bool IsOwnOrigin(HttpRequest request, string origin)
    {
        if (options.CurrentValue.TrustedOrigins.Any(t => string.Equals(t.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
            return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue) return false;
        var requestPort = request.Host.Port ?? (uri.IsDefaultPort ? uri.Port : DefaultPort(request.Scheme));
        return string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == requestPort;
    }

    private static int DefaultPort(string scheme) => string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
}
