using GreenTierWorkflows.Application.Effects;
using GreenTierWorkflows.Application.Listings;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Application.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
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
        services.AddGreenTierStorage(configuration, database);
        services.AddNominations(configuration).AddTasks().AddListings().AddDeclarationRound().AddEffects();
        Windows.WindowServiceCollectionExtensions.AddWindows(services);
        Outbox.OutboxServiceCollectionExtensions.AddOutbox(services);
        Messages.MessagesServiceCollectionExtensions.AddMessages(services);
        Accounts.AccountServiceCollectionExtensions.AddAccounts(services);
        Dashboard.DashboardServiceCollectionExtensions.AddDashboard(services, configuration);
        Audit.AuditServiceCollectionExtensions.AddAuditTrail(services);
        Registry.RegistryServiceCollectionExtensions.AddRegistry(services);
        Pools.PoolServiceCollectionExtensions.AddPools(services);
        Documents.DocumentsServiceCollectionExtensions.AddDocuments(services, configuration);
        Readiness.ReadinessServiceCollectionExtensions.AddReadiness(services, configuration);
        return services;
    }
}
