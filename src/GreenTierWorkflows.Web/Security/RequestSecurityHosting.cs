namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// The request-level defences: the cross-site request guard for cookie-authorized state changes, the sign-in
/// limits (rate limits per address and per account, the (account, address) lockout) and Chinese problems for the
/// API's authorization refusals.
/// </summary>
public static class RequestSecurityHosting
{
    public static WebApplicationBuilder AddRequestSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CrossSiteRequestOptions>().BindConfiguration(CrossSiteRequestOptions.Section);
        services.AddOptions<SignInProtectionOptions>().BindConfiguration(SignInProtectionOptions.Section)
            .Validate(o => o.Problem() is null, "Security:SignIn 的设置无效：次数与时长必须大于 0。")
            .ValidateOnStart();
        services.AddSingleton<SignInFailureTracker>();
        services.AddScoped<PasswordSignInGuard>();
        services.AddRateLimiter(SignInRateLimits.Configure);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiRefusalProblems>();
        return builder;
    }

    /// <summary>After authentication (the guard needs to know how the request was authorized), before authorization.</summary>
    public static WebApplication UseRequestSecurity(this WebApplication app)
    {
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.Use(SignInRateLimits.CaptureAccountAsync);
        app.UseRateLimiter();
        return app;
    }
}
