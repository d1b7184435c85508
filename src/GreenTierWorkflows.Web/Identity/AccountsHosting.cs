using GreenTierWorkflows.Application.Accounts;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Accounts: the account rules (<see cref="AccountService"/>, composed by AddGreenTierApplication), Chinese Identity messages, disabled accounts refused at
/// sign-in, every cookie, bearer token and open page checked against the account's current state, the demo-mode guard
/// and the first administrator from <c>Bootstrap:Admin</c>. Call after AddGreenTierAuth and AddOfficialsUi.
/// </summary>
public static class AccountsHosting
{
    public static WebApplicationBuilder AddGreenTierAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        services.AddOptions<DemoOptions>().ValidateOnStart();
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section)
            .Validate(o => !o.IsConfigured || (!string.IsNullOrWhiteSpace(o.UserName) && !string.IsNullOrEmpty(o.Password)),
                "首个管理员的配置不完整：Bootstrap:Admin:UserName 和 Bootstrap:Admin:Password 须同时设置。")
            .ValidateOnStart();

        services.AddScoped<IdentityErrorDescriber, ChineseIdentityErrorDescriber>();
        services.AddScoped<IUserConfirmation<AppUser>, DisabledAccountConfirmation>();
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        services.AddScoped<BootstrapAdministrator>();
        services.AddScoped<AuthenticationStateProvider, AccountRevalidatingStateProvider>();

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var inner = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (ctx.Principal is null || !await AccountSessionCheck.IsCurrentAsync(ctx.Principal, ctx.HttpContext.RequestServices, ctx.HttpContext.RequestAborted))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await inner(ctx);
            };
        });
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            var inner = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = async ctx =>
            {
                await inner(ctx);
                if (ctx.Result is not null) return;
                var header = ctx.Request.Headers.Authorization.ToString();
                var token = ctx.Token ?? (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null);
                if (string.IsNullOrEmpty(token)) return;
                // An unreadable or expired token is refused by the handler itself; a readable one must still match its account.
                if (ctx.Options.BearerTokenProtector.Unprotect(token) is { } ticket
                    && !await AccountSessionCheck.IsCurrentAsync(ticket.Principal, ctx.HttpContext.RequestServices, ctx.HttpContext.RequestAborted))
                    ctx.Fail("账号已停用，或密码、角色已变更，请重新登录。");
            };
        });
        return builder;
    }
}
