using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// The one password check behind both sign-in routes: the (account, address) lockout of
/// <see cref="SignInFailureTracker"/>, the same work and the same answer for an unknown account as for a wrong password
/// (the password is verified against a dummy hash), and an audit record for every sign-in, failure and lockout.
/// The account's own Identity lockout is not counted (anyone could keep it locked); an administrator's lock on an
/// account (<c>LockoutEnd</c>) still refuses it.
/// </summary>
public sealed class PasswordSignInGuard(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    SignInFailureTracker failures,
    IAuditLog audit,
    ILogger<PasswordSignInGuard> logger)
{
    private static readonly AppUser NobodyUser = new() { UserName = "nobody" };
    private static readonly object DummyLock = new();
    private static string? _dummyHash;

    /// <summary>Checks the password for <paramref name="userName"/>; signing in (cookie or token) is the caller's part.</summary>
    public async Task<SignInCheck> CheckAsync(HttpContext http, string? userName, string? password, string route)
    {
        var name = (userName ?? "").Trim();
        var account = SignInAccount.Normalize(name);
        var address = ClientAddress.Of(http);
        var ct = http.RequestAborted;

        if (failures.LockedFor(account, address) is { } remaining)
        {
            await RecordAsync(AuditActions.SignInFailed, name, address, $"{route}：该账号在此地址处于锁定期，未校验密码。", ct);
            return SignInCheck.Locked(remaining);
        }

        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        var succeeded = false;
        if (user is null)
            VerifyAgainstDummy(password ?? "");
        else
        {
            var result = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: false);
            succeeded = result.Succeeded;
            if (result.IsLockedOut) logger.LogInformation("Sign-in refused for {User}: the account is locked by an administrator.", name);
        }

        if (succeeded)
        {
            failures.Reset(account, address);
            await RecordAsync(AuditActions.SignIn, name, address, route, ct, succeeded: true, actorId: user!.Id);
            return SignInCheck.Success(user!);
        }

        var lockout = failures.RecordFailure(account, address);
        await RecordAsync(AuditActions.SignInFailed, name, address, route + "：用户名或密码错误。", ct);
        if (lockout is not { } duration) return SignInCheck.Failed();
        await RecordAsync(AuditActions.LockedOut, name, address, $"{route}：连续失败，暂停从此地址登录 {duration.TotalMinutes:0.#} 分钟。", ct);
        return SignInCheck.Locked(duration);
    }

    /// <summary>The work a real check does, for a name that has no account, so the answer takes as long.</summary>
    private void VerifyAgainstDummy(string password)
    {
        string hash;
        lock (DummyLock)
            hash = _dummyHash ??= hasher.HashPassword(NobodyUser, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(NobodyUser, hash, password);
    }

    private Task RecordAsync(string action, string name, string address, string detail, CancellationToken ct, bool succeeded = false,
        string? actorId = null) =>
        audit.RecordAsync(new AuditRecord(action, name.Length > SignInAccount.MaxLength ? name[..SignInAccount.MaxLength] : name, detail, succeeded)
        {
            ActorId = actorId,
            ActorName = name.Length > SignInAccount.MaxLength ? name[..SignInAccount.MaxLength] : name,
            ClientAddress = address,
        }, ct);
}
