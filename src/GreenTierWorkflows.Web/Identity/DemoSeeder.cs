using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>Demo mode: one account per role and unit, all with the configured demo password.</summary>
public sealed class DemoSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<DemoOptions> demo, ILogger<DemoSeeder> logger)
{
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

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        if (!demo.Value.Enabled) return;

        foreach (var (userName, displayName, role, jurisdiction) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new AppUser { UserName = userName, Email = $"{userName}@demo.greentier.local", EmailConfirmed = true, DisplayName = displayName, Jurisdiction = jurisdiction };
            var result = await users.CreateAsync(user, demo.Value.Password);
            if (!result.Succeeded) throw new InvalidOperationException($"无法创建演示账号 {userName}：{string.Join("; ", result.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
        logger.LogInformation("Demo mode: {Count} accounts are ready (password from Demo:Password).", Accounts.Length);
    }
}
