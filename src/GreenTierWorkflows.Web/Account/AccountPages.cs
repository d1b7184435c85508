using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using System.Net;
using GreenTierWorkflows.Web.Identity;
using GreenTierWorkflows.Web.Security;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GreenTierWorkflows.Web.Account;

/// <summary>The sign-in page: an ordinary form (user name, password, submit) that sets the app's cookie and returns.</summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapGet("/login", (HttpContext http, string? returnUrl) => LoginPage(http, returnUrl, null));
        group.MapPost("/login", SignInAsync).WithSignInLimits();
        group.MapPost("/logout", async (HttpContext http, SignInManager<AppUser> signIn, IAuditLog audit) =>
        {
            var name = http.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (name is not null)
                await audit.RecordAsync(new AuditRecord(AuditActions.SignOut, name) { ActorName = name, ClientAddress = ClientAddress.Of(http) }, http.RequestAborted);
            return Results.Redirect("/account/login");
        });
        group.MapGet("/denied", () => Results.Content(Html("无权访问", "<p class=\"error\">当前账号没有访问该页面的权限。</p><p><a href=\"/account/login\">换一个账号登录</a></p>"),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden));
        return app;
    }

    /// <summary>
    /// Checks the password through <see cref="PasswordSignInGuard"/> (lockout per account and address, the same answer
    /// for unknown accounts, audit) and sets the cookie. The rate limits run before this handler.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext http, PasswordSignInGuard guard, SignInManager<AppUser> signIn,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var check = await guard.CheckAsync(http, username, password, "登录页");
        if (check.User is not { } user) return LoginPage(http, returnUrl, check.Error, StatusCodes.Status401Unauthorized);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>The sign-in page with a fresh antiforgery token, an optional error and the status to answer with.</summary>
    internal static IResult LoginPage(HttpContext http, string? returnUrl, string? error, int status = StatusCodes.Status200OK) =>
        Page(LoginForm(http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http), returnUrl, error), status);

    private static bool IsLocal(string? url) => !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");

    private static IResult Page(string body, int status = 200) => Results.Content(Html("登录 · 绿色制造梯度培育", body), "text/html; charset=utf-8", statusCode: status);

    private static string LoginForm(AntiforgeryTokenSet tokens, string? returnUrl, string? error) => $"""
        <main class="card">
          <h1>绿色制造名单梯度培育</h1>
          <p class="sub">黄山市经济和信息化局 · 工作流平台</p>
          {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
          <form method="post" action="/account/login">
            <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "")}">
            <label for="username">用户名</label>
            <input id="username" name="username" autocomplete="username" required autofocus>
            <label for="password">密码</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">登录</button>
          </form>
        </main>
        """;

    internal static string Html(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{WebUtility.HtmlEncode(title)}}</title>
          <link rel="icon" href="data:,">
          <style>
            body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #eef5ef; margin: 0; }
            .card { max-width: 360px; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 8px #0002; }
            h1 { color: #2e7d32; font-size: 1.4rem; margin: 0 0 .25rem; } .sub { color: #555; margin-top: 0; }
            label { display: block; margin-top: 1rem; } input { width: 100%; padding: .5rem; box-sizing: border-box; }
            button { margin-top: 1.5rem; width: 100%; padding: .6rem; background: #2e7d32; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; }
            .error { color: #b71c1c; }
          </style>
        </head>
        <body>{{body}}</body>
        </html>
        """;
}
