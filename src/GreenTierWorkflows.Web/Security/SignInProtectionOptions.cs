namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// Limits on the two sign-in routes (<c>POST /account/login</c>, <c>POST /elsa/api/identity/login</c>), section
/// <c>Security:SignIn</c>. The rate limits count every attempt; the lockout counts failures per (account name,
/// client address), so an attacker's address is locked out while the owner signs in from their own.
/// </summary>
public sealed class SignInProtectionOptions
{
    public const string Section = "Security:SignIn";

    /// <summary>
    /// Attempts per client address per <see cref="Window"/> (default 100 a minute: a bureau's whole staff signing in
    /// at 9:00 behind one NAT address is not throttled).
    /// </summary>
    public int PermitsPerAddress { get; set; } = 100;

    /// <summary>Attempts per account name per <see cref="Window"/>, from all addresses together (default 20 a minute).</summary>
    public int PermitsPerAccount { get; set; } = 20;

    /// <summary>The rate limits' fixed window (default one minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed attempts for one account name from one address within <see cref="FailureWindow"/> that lock that pair (default 5).</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long failures are remembered towards the lockout (default 15 minutes from the first).</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked (account, address) pair is refused (default 15 minutes); attempts while locked do not extend it.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem() =>
        PermitsPerAddress < 1 || PermitsPerAccount < 1 ? "Security:SignIn 的 PermitsPerAddress 与 PermitsPerAccount 必须大于 0。"
        : Window <= TimeSpan.Zero || FailureWindow <= TimeSpan.Zero || LockoutDuration <= TimeSpan.Zero ? "Security:SignIn 的时间窗口与锁定时长必须大于 0。"
        : MaxFailedAttempts < 1 ? "Security:SignIn 的 MaxFailedAttempts 必须大于 0。"
        : null;
}
