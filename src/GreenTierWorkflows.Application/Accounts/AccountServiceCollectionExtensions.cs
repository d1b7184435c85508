using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>账号管理: <see cref="AccountService"/> (the account rules; needs ASP.NET Core Identity, which the host composes).</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddScoped<AccountService>();
}
