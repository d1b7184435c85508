using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>DI registration of the EF Core workflow store on SQLite or PostgreSQL.</summary>
public static class WorkflowPersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{WorkflowDbContext}"/> on SQLite and <see cref="EfWorkflowStore"/> as
    /// <see cref="IWorkflowStore"/> and each of its parts (replacing the runtime's in-memory default). With
    /// <paramref name="migrate"/>, the database is migrated and switched to WAL when the store is first resolved.
    /// </summary>
    public static IServiceCollection AddSqliteWorkflowStore(this IServiceCollection services, string connectionString, bool migrate = true) =>
        services.AddWorkflowStore(new AppDatabase(DatabaseProvider.Sqlite, connectionString), migrate);

    /// <summary>As <see cref="AddSqliteWorkflowStore"/>, on <paramref name="database"/> (SQLite or PostgreSQL).</summary>
    public static IServiceCollection AddWorkflowStore(this IServiceCollection services, AppDatabase database, bool migrate = true)
    {
        services.AddPooledDbContextFactory<WorkflowDbContext>(o => WorkflowDbContext.Configure(o, database));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var store = new EfWorkflowStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetRequiredService<TimeProvider>());
            if (migrate) store.Migrate();
            return store;
        });
        services.RemoveAll<IWorkflowStore>();
        services.AddSingleton<IWorkflowStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        services.AddSingleton<IWorkflowDefinitionStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        services.AddSingleton<IWorkflowInstanceStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        services.AddSingleton<IBookmarkStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        services.AddSingleton<IWorkflowJournalStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        services.AddSingleton<ITriggerStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        return services;
    }
}
