using GreenTierWorkflows.Application.Accounts;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Demo mode: one account per role and unit, all with the configured demo password. Outside demo mode every demo account
/// that still has a demo password (the configured one or the published default) is disabled at start-up, so a server
/// that once ran the demo cannot be entered with a password printed in the README.
/// </summary>
public sealed class DemoSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles, AccountService accounts, IOptions<DemoOptions> demo,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The e-mail domain that marks an account as created by demo mode.</summary>
    public const string EmailDomain = "@demo.greentier.local";

    /// <summary>The password published in the README (checked besides the configured one when demo mode is off).</summary>
    public const string PublishedPassword = "Demo#2026";

    private const string SystemDisabledReason = "演示模式已关闭，演示账号仍使用公开的演示密码";

    /// <summary>(user name, display name, role, jurisdiction code).</summary>
    public static readonly (string UserName, string DisplayName, string Role, string? Jurisdiction)[] Accounts =
    [
        ("tunxi", "屯溪区经信局", Roles.District, "341002"),
        ("huangshanqu", "黄山区经信局", Roles.District, "341003"),
        ("huizhou", "徽州区经信局", Roles.District, "341004"),
        ("shexian", "歙县经信局", Roles.District, "341021"),
        ("xiuning", "休宁县经信局", Roles.District, "341022"),
        ("yixian", "黟县经信局", Roles.District, "341023"),
        ("qimen", "祁门县经信局", Roles.District, "341024"),
        ("gaoxin", "黄山高新区经发局", Roles.District, "341071"),
        ("city", "市经信局评审员", Roles.CityReviewer, null),
        ("verifier", "现场核查组", Roles.Verifier, null),
        ("province", "省级联络员", Roles.Province, null),
        ("designer", "流程设计员", Roles.Designer, null),
        ("admin", "系统管理员", Roles.Admin, null),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        // One query for the roles and one for the demo accounts on every start (issue 20), not one per role and account.
        var roleNames = (await roles.Roles.Select(r => r.NormalizedName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var role in Roles.All)
            if (!roleNames.Contains(roles.NormalizeKey(role)!)) await roles.CreateAsync(new IdentityRole(role));
        if (!demo.Value.Enabled)
        {
            await DisableDemoAccountsAsync(ct);
            return;
        }

        var normalized = Accounts.Select(a => users.NormalizeName(a.UserName)).ToList();
        var present = await users.Users.Where(u => normalized.Contains(u.NormalizedUserName!)).ToDictionaryAsync(u => u.NormalizedUserName!, StringComparer.Ordinal, ct);
        foreach (var (userName, displayName, role, jurisdiction) in Accounts)
        {
            if (present.TryGetValue(users.NormalizeName(userName), out var existing))
            {
                await ReenableAsync(existing);
                continue;
            }
            var user = new AppUser { UserName = userName, Email = userName + EmailDomain, EmailConfirmed = true, DisplayName = displayName, Jurisdiction = jurisdiction };
            var result = await users.CreateAsync(user, demo.Value.Password);
            if (!result.Succeeded) throw new InvalidOperationException($"无法创建演示账号 {userName}：{string.Join("; ", result.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
        logger.LogInformation("Demo mode: {Count} accounts are ready (password from Demo:Password).", Accounts.Length);
    }

    /// <summary>Outside demo mode: disables every demo account whose password is still a demo password.</summary>
    private async Task DisableDemoAccountsAsync(CancellationToken ct)
    {
        var candidates = await users.Users.Where(u => u.Email != null && u.Email.EndsWith(EmailDomain) && u.PasswordHash != null).ToListAsync(ct);
        var disabled = 0;
        foreach (var user in candidates)
        {
            if (AccountStates.IsDisabled(user.LockoutEnd) || !HasDemoPassword(user)) continue;
            if (await accounts.DisableBySystemAsync(user, SystemDisabledReason, ct)) disabled++;
        }
        if (disabled > 0)
            logger.LogWarning("Demo mode is off: {Count} demo accounts that still had the demo password were disabled. " +
                              "An administrator can enable one after setting a new password (账号管理).", disabled);
    }

    /// <summary>Demo mode on again: a demo account the system disabled (and nobody changed since) may sign in again.</summary>
    private async Task ReenableAsync(AppUser user)
    {
        if (!AccountStates.IsDisabled(user.LockoutEnd) || user.Email?.EndsWith(EmailDomain, StringComparison.Ordinal) != true) return;
        var changedBy = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == AccountService.ChangedByClaim)?.Value;
        if (changedBy == AccountService.SystemActor) await users.SetLockoutEndDateAsync(user, null);
    }

    private bool HasDemoPassword(AppUser user) =>
        new[] { demo.Value.Password, PublishedPassword }.Where(p => !string.IsNullOrEmpty(p)).Distinct()
            .Any(p => users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash!, p) != PasswordVerificationResult.Failed);
}
