using GreenTierWorkflows.Web.Hosting;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Checked when the host starts: demo mode (accounts with a published password) is refused in the Production environment
/// unless <c>Demo:AllowInProduction=true</c> says the server is a demonstration server.
/// </summary>
public sealed class DemoOptionsValidator(IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        if (options.Enabled && environment.IsProduction() && !options.AllowInProduction)
            return ValidateOptionsResult.Fail(
                "演示模式（Demo:Enabled=true）不能在生产环境（Production）中启动：演示账号使用公开的密码。" +
                "正式使用请设置 Demo:Enabled=false；如确为演示服务器，请同时设置 Demo:AllowInProduction=true。");
        if (options.Enabled && string.IsNullOrEmpty(options.Password))
            return ValidateOptionsResult.Fail("演示模式需要演示账号密码（Demo:Password）。");
        return ValidateOptionsResult.Success;
    }
}
