using System.Security.Claims;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The signed-in official as the domain sees it (<see cref="Official"/>): user id, user name, display name, roles and
/// jurisdiction. Endpoints take it as a <see cref="SignedInOfficial"/> parameter, which binds through <see cref="GetAsync"/>.
/// </summary>
/// <remarks>
/// Cheap: the display name and jurisdiction are claims written at sign-in (<see cref="OfficialClaimsPrincipalFactory"/>),
/// so no database read is needed. Cookies or tokens issued before those claims existed fall back to one user lookup.
/// The result is cached for the request.
/// </remarks>
public static class CurrentOfficial
{
    /// <summary>Claim with the official's jurisdiction (a unit code); empty for city-wide accounts.</summary>
    public const string JurisdictionClaim = "gtw:jurisdiction";
    /// <summary>Claim with the official's display name (e.g. 歙县经信局).</summary>
    public const string DisplayNameClaim = "gtw:display_name";

    private static readonly object CacheKey = new();

    /// <summary>The official making the request; throws when the request is not authenticated.</summary>
    public static async Task<Official> GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CacheKey, out var cached) && cached is Official known) return known;
        var official = await ResolveAsync(context);
        context.Items[CacheKey] = official;
        return official;
    }

    /// <summary>Builds the official from the principal alone, or null when the sign-in claims are missing.</summary>
    public static Official? FromClaims(ClaimsPrincipal principal, string roleClaimType = ClaimTypes.Role)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var jurisdiction = principal.FindFirst(JurisdictionClaim);
        var displayName = principal.FindFirst(DisplayNameClaim);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (jurisdiction is null || displayName is null || userId is null) return null;
        var userName = principal.FindFirstValue(ClaimTypes.Name) ?? "";
        var roles = principal.FindAll(roleClaimType).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
        return new Official(userId, userName, displayName.Value, roles, string.IsNullOrEmpty(jurisdiction.Value) ? null : jurisdiction.Value);
    }

    private static async Task<Official> ResolveAsync(HttpContext context)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true)
            throw new InvalidOperationException("CurrentOfficial 只能用于已登录的请求（端点需要 RequireAuthorization）。");
        var services = context.RequestServices;
        var roleClaimType = services.GetService<IOptions<IdentityOptions>>()?.Value.ClaimsIdentity.RoleClaimType ?? ClaimTypes.Role;
        if (FromClaims(principal, roleClaimType) is { } official) return official;

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal)
                   ?? throw new InvalidOperationException("当前登录的账号已不存在。");
        var roles = await users.GetRolesAsync(user);
        return new Official(user.Id, user.UserName ?? "", string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName,
            roles.ToArray(), user.Jurisdiction);
    }
}
