using GreenTierWorkflows.Infrastructure.Identity;

namespace GreenTierWorkflows.Application.Accounts;

/// <summary>Reads and names <see cref="AccountState"/> from Identity's lockout columns.</summary>
public static class AccountStates
{
    /// <summary>
    /// The lockout end that marks a disabled account. A fixed date far in the future (not <see cref="DateTimeOffset.MaxValue"/>,
    /// which PostgreSQL would store rounded to microseconds); anything from year 9000 on counts as disabled.
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset DisabledFrom = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end >= DisabledFrom;

    public static AccountState Of(AppUser user, DateTimeOffset now) =>
        IsDisabled(user.LockoutEnd) ? AccountState.Disabled
        : user.LockoutEnabled && user.LockoutEnd is { } end && end > now ? AccountState.LockedOut
        : AccountState.Active;

    public static string DisplayName(AccountState state) => state switch
    {
        AccountState.Disabled => "已停用",
        AccountState.LockedOut => "已锁定",
        _ => "正常",
    };
}
