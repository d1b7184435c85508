namespace GreenTierWorkflows.Application.Accounts;

/// <summary>
/// Whether an account may sign in. Kept in Identity's own columns, so no schema change: a disabled account has its
/// lockout end at <see cref="AccountStates.DisabledUntil"/> (year 9999); a temporary lockout (failed sign-ins) ends earlier.
/// </summary>
public enum AccountState
{
    /// <summary>正常: may sign in.</summary>
    Active,
    /// <summary>已停用: disabled by an administrator (or a demo account outside demo mode).</summary>
    Disabled,
    /// <summary>已锁定: locked for a while after failed sign-ins.</summary>
    LockedOut,
}
