using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Application.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// 统计看板: <see cref="DashboardService"/>, its settings (section <c>Dashboard</c>) and the projections it reads, kept in every
    /// save of the bureau's database context: the stays (<see cref="StageStayProjector"/>), then the counts of the nominations,
    /// tasks and stays (<see cref="DashboardCountProjector"/>; after the stays, so it counts the stays that save writes).
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, StageStayProjector>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, DashboardCountProjector>());
        return services.AddScoped<DashboardService>();
    }
}
