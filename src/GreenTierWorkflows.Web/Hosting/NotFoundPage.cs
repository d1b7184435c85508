using System.Net;
using Microsoft.Net.Http.Headers;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// What a person gets for an address the app does not have: a Chinese page with the way back, not the browser's bare
/// 404. Only for page requests (GET/HEAD asking for HTML outside <c>/api</c>, <c>/elsa</c> and <c>/studio</c>); APIs keep
/// their problem answers and static files their plain 404.
/// </summary>
public static class NotFoundPage
{
    public static bool Applies(HttpContext http)
    {
        if (http.Response.StatusCode != StatusCodes.Status404NotFound) return false;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return false;
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/elsa") || path.StartsWithSegments("/studio")) return false;
        return http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public static Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        var address = WebUtility.HtmlEncode(http.Request.Path.Value ?? "/");
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>页面不存在 · 绿色制造梯度培育</title>
            <style>
              body { margin: 0; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #212121; background: #f5f5f5; }
              header { background: #2e7d32; color: #fff; padding: 14px 24px; font-size: 20px; }
              main { max-width: 640px; margin: 48px auto; padding: 32px; background: #fff; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
              h1 { font-size: 24px; margin: 0 0 12px; }
              code { word-break: break-all; background: #f0f0f0; padding: 1px 4px; }
              a.button { display: inline-block; margin-top: 20px; padding: 8px 18px; background: #2e7d32; color: #fff; text-decoration: none; border-radius: 4px; }
            </style>
            </head>
            <body>
            <header>绿色制造名单梯度培育</header>
            <main>
            <h1 data-testid="not-found-page">页面不存在</h1>
            <p>地址 <code>{{address}}</code> 没有对应的页面，可能链接有误或页面已调整。</p>
            <p>请从首页进入「我的待办」「申报管理」或「培育库」继续办理。</p>
            <a class="button" href="/">返回首页</a>
            </main>
            </body>
            </html>
            """);
    }
}
