using System.Security.Claims;
using GreenTierWorkflows.Application.Accounts;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Is a sign-in (cookie, bearer token or open page) still good? Its account must exist, not be disabled and carry the
/// security stamp the sign-in was issued with: disabling, a password change or reset and a role or jurisdiction change
/// renew the stamp, so every earlier cookie and token stops working at its next request. One primary-key read.
/// </summary>
public static class AccountSessionCheck
{
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct = default)
    {
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claimTypes.UserIdClaimType);
        if (string.IsNullOrEmpty(userId)) return false;
        var stamp = principal.FindFirstValue(claimTypes.SecurityStampClaimType);
        var account = await services.GetRequiredService<GreenTierDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        return account is not null && !AccountStates.IsDisabled(account.LockoutEnd) && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
    }
}
