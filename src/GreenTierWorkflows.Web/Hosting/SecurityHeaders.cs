using System.Security.Cryptography;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Standard security headers on every response: no MIME sniffing, no framing (X-Frame-Options and CSP
/// <c>frame-ancestors 'none'</c>), a same-origin referrer policy, no powerful browser features, and a Content Security
/// Policy that allows only the app's own origin. The policy fits what the pages need: the officials' Blazor Server pages
/// and MudBlazor (scripts from the app, inline style attributes, the circuit's WebSocket) and the genuine Elsa Studio
/// under /studio (Blazor WebAssembly needs <c>'wasm-unsafe-eval'</c>; Monaco starts its workers from <c>blob:</c>
/// URLs; Radzen and Monaco set inline styles). The one inline script, Studio's host page, carries the per-request
/// <see cref="Nonce"/>.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "GreenTier.CspNonce";
    private const string FramableKey = "GreenTier.SameOriginFraming";

    /// <summary>Lets this response (an inline PDF preview) be framed by the app's own pages, and by no other origin.</summary>
    public static void AllowSameOriginFraming(HttpContext http) => http.Items[FramableKey] = true;

    /// <summary>The Content Security Policy, with <c>{nonce}</c> replaced per request.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "worker-src 'self' blob:; " +
        "frame-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// Elsa Studio 3.8.2 (Elsa.Studio.Workflows) renders two inline scripts as markup (the definition editor's and the
    /// instance viewer's keyboard shortcuts, <c>window.editorHotkeys</c>), which Blazor re-inserts so that they run; they
    /// are allowed under /studio by their SHA-256. A Studio version with other inline scripts shows CSP errors in the
    /// browser tests (StudioCanvasTests, StudioPublishTests, StudioInstanceTests).
    /// </summary>
    public const string StudioInlineScriptHashes =
        "'sha256-vu6sQrKXQHR4Yn3FMMihA/9TxxfIXnCxKwvLrTPJ5ts=' 'sha256-snlP1jz0gjwc5cTz9ErZcliXuCK63+Mmf68RRCeptgc='";

    /// <summary>
    /// The Hangfire dashboard (administrators only) writes inline scripts of its own; it keeps every other header and
    /// a policy that still forbids framing, other origins and plugins.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The CSP nonce of this request, for an inline <c>&lt;script nonce="…"&gt;</c> the app writes itself.</summary>
    public static string Nonce(HttpContext http) =>
        http.Items[NonceKey] as string ?? throw new InvalidOperationException("SecurityHeaders middleware is not in the pipeline.");

    /// <summary>Adds the headers to every response of the pipeline after this call.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            var framable = http.Items.ContainsKey(FramableKey);
            headers.XFrameOptions = framable ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            var path = http.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/hangfire")
                ? DashboardContentSecurityPolicy
                : path.StartsWithSegments("/studio")
                    ? ContentSecurityPolicy.Replace("'nonce-{nonce}'", $"'nonce-{nonce}' {StudioInlineScriptHashes}", StringComparison.Ordinal)
                    : ContentSecurityPolicy.Replace("{nonce}", nonce, StringComparison.Ordinal);
            if (framable) headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.ToString().Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal);
            return Task.CompletedTask;
        });
        return next(http);
    });
}
