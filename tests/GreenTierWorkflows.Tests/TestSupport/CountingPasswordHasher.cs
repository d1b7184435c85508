using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Identity's password hasher, counting how often a password is verified (the work a sign-in does).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
