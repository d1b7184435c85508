using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Application.Accounts;

/// <summary>
/// Identity asks this before every sign-in (<c>SignIn.RequireConfirmedAccount</c>): a disabled account is not allowed,
/// whatever its password and whatever the lockout policy does with failed attempts. The answer is the same "not allowed"
/// as a wrong password, so the sign-in pages reveal nothing about the account.
/// </summary>
public sealed class DisabledAccountConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!AccountStates.IsDisabled(user.LockoutEnd));
}
