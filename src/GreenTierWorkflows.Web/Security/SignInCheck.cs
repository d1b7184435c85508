using GreenTierWorkflows.Infrastructure.Identity;

namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// The answer of <see cref="PasswordSignInGuard"/>: the user when the password was right, otherwise the one message
/// shown for a wrong password and an unknown account alike, or the lockout message (also the same for both).
/// </summary>
public sealed record SignInCheck(AppUser? User, string? Error, bool LockedOut = false)
{
    public const string WrongCredentials = "用户名或密码错误。";

    public bool Succeeded => User is not null;

    public static SignInCheck Success(AppUser user) => new(user, null);

    public static SignInCheck Failed() => new(null, WrongCredentials);

    public static SignInCheck Locked(TimeSpan remaining) =>
        new(null, $"登录失败次数过多，已暂停从当前地址登录该账号，请 {Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes))} 分钟后再试。", LockedOut: true);
}
