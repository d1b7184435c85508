using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Web.Identity;
using GreenTierWorkflows.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>
/// Elsa's <c>POST identity/login</c>: user name and password give a bearer access token (and a refresh token) for
/// the API. Wrong credentials answer 200 with <c>isAuthenticated: false</c>, as Elsa does.
/// </summary>
internal static class IdentityEndpoints
{
    public sealed record LoginRequest(string? Username, string? Password);

    public static RouteGroupBuilder MapIdentity(this RouteGroupBuilder api)
    {
        api.MapPost("/identity/login", LoginAsync).AllowAnonymous().WithSignInLimits();
        // The refresh token is not an access token, so this endpoint checks it itself.
        api.MapPost("/identity/refresh-token", RefreshAsync).AllowAnonymous();
        return api;
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var failed = Results.Ok(new JsonObject { ["isAuthenticated"] = false, ["accessToken"] = null, ["refreshToken"] = null });
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return failed;
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return failed;
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        return user is null ? failed : await IssueAsync(user, signIn, options, clock);
    }

    /// <summary>
    /// The password is checked by <see cref="PasswordSignInGuard"/> (lockout per account and address, the same answer
    /// for unknown accounts, audit); the rate limits run before this handler. A refusal keeps Elsa's answer shape.
    /// </summary>
    private static async Task<IResult> LoginAsync(HttpContext http, LoginRequest? request, PasswordSignInGuard guard, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var check = await guard.CheckAsync(http, request?.Username, request?.Password, "接口登录");
        if (check.User is not { } user)
            return Results.Ok(new JsonObject { ["isAuthenticated"] = false, ["accessToken"] = null, ["refreshToken"] = null });

        return await IssueAsync(user, signIn, bearerOptions.Get(IdentityConstants.BearerScheme), clock);
    }

    private static async Task<IResult> IssueAsync(AppUser user, SignInManager<AppUser> signIn, BearerTokenOptions options, TimeProvider clock)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var now = clock.GetUtcNow();
        var access = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration }, IdentityConstants.BearerScheme);
        var refresh = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.RefreshTokenExpiration }, IdentityConstants.BearerScheme);
        return Results.Ok(new JsonObject
        {
            ["isAuthenticated"] = true,
            ["accessToken"] = options.BearerTokenProtector.Protect(access),
            ["refreshToken"] = options.RefreshTokenProtector.Protect(refresh),
        });
    }
}
