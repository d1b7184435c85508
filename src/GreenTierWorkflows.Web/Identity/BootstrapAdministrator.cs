using GreenTierWorkflows.Application.Accounts;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Start-up step: when no administrator account may sign in and <c>Bootstrap:Admin</c> names one, creates it with the
/// configured password (Identity's rules; a password that breaks them stops start-up with the rules, never the password).
/// Once an administrator exists the settings are ignored, so they can stay in place.
/// </summary>
public sealed class BootstrapAdministrator(AccountService accounts, UserManager<AppUser> users, IOptions<BootstrapAdminOptions> options,
    ILogger<BootstrapAdministrator> logger)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (await accounts.HasActiveAdministratorAsync(ct)) return;
        if (!o.IsConfigured)
        {
            logger.LogWarning("No administrator account can sign in. Set Bootstrap:Admin:UserName and Bootstrap:Admin:Password, " +
                              "or run: dotnet GreenTierWorkflows.Web.dll create-admin --user NAME");
            return;
        }
        if (await users.FindByNameAsync(o.UserName!.Trim()) is not null)
        {
            logger.LogWarning("Bootstrap:Admin names the existing account {UserName}; it is left as it is. No administrator account can sign in: " +
                              "use create-admin with another user name.", o.UserName);
            return;
        }
        var created = await accounts.CreateAdministratorAsync(o.UserName, o.Password, o.DisplayName, "系统（Bootstrap:Admin 配置）", ct);
        if (!created.Ok)
            throw new InvalidOperationException($"无法按 Bootstrap:Admin 配置创建首个管理员账号：{created.Error!.Message}");
        logger.LogInformation("Created the first administrator {UserName} from Bootstrap:Admin.", created.Value!.UserName);
    }
}
