using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Domain;

public static class GreenTierStorageServiceCollectionExtensions
{
    /// <summary>
    /// What the use cases store through: the bureau's database (the one the workflow store uses too), the security audit,
    /// and the material contents (files or database rows, <see cref="MaterialStorageOptions"/>) with their importer and
    /// sweeper. The use cases themselves register from the application layer.
    /// </summary>
    public static IServiceCollection AddGreenTierStorage(this IServiceCollection services, IConfiguration configuration, Persistence.AppDatabase database)
    {
        services.AddDbContext<GreenTierDbContext>((sp, o) => database.Configure(o).AddInterceptors(sp.GetServices<Notifications.OfficialMessageWriter>()).AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor>()));
        services.TryAddSingleton(TimeProvider.System);
        // The decision use case records every attempt in the security audit: whoever composes the use cases gets it.
        Audit.AuditServiceCollectionExtensions.AddSecurityAudit(services);
        // Bound from the configuration handed in (the crash probe has no IConfiguration in its container).
        services.AddOptions<MaterialStorageOptions>().Bind(configuration.GetSection(MaterialStorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MaterialStorageOptions>>(new MaterialStorageOptionsValidator(database));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MaterialStorageOptions>>().Value);
        // Outside the database by default (one node, SQLite); in the shared database when app nodes scale out.
        services.AddScoped<IMaterialContentStore>(sp => sp.GetRequiredService<MaterialStorageOptions>().StorageFor(database) == MaterialStorage.Database
            ? ActivatorUtilities.CreateInstance<DatabaseMaterialContentStore>(sp)
            : ActivatorUtilities.CreateInstance<FileMaterialContentStore>(sp));
        services.AddScoped<MaterialFileImporter>();
        services.AddScoped<MaterialSweeper>();
        return services;
    }
}
