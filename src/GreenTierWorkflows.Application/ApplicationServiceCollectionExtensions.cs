using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Every use case of the bureau and what it needs from infrastructure (the database, the effect pipeline behind the
    /// workflow runtime, material storage). Hosts (the web app, the crash probe, the CLI) compose this one call.
    /// </summary>
    public static IServiceCollection AddGreenTierApplication(this IServiceCollection services, IConfiguration configuration, AppDatabase database)
    {
        GreenTierWorkflows.Infrastructure.Domain.NominationServiceCollectionExtensions.AddGreenTierNominations(services, configuration, database);
        Windows.WindowServiceCollectionExtensions.AddWindows(services);
        Outbox.OutboxServiceCollectionExtensions.AddOutbox(services);
        Accounts.AccountServiceCollectionExtensions.AddAccounts(services);
        Dashboard.DashboardServiceCollectionExtensions.AddDashboard(services, configuration);
        Audit.AuditServiceCollectionExtensions.AddAuditTrail(services);
        Registry.RegistryServiceCollectionExtensions.AddRegistry(services);
        Pools.PoolServiceCollectionExtensions.AddPools(services);
        return services;
    }
}
