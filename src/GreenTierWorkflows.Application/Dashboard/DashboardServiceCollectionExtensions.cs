using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Application.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// 统计看板: <see cref="DashboardService"/>, its settings (section <c>Dashboard</c>) and the projection it reads, kept by
    /// <see cref="StageStayProjector"/> in every save of the bureau's database context.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, StageStayProjector>());
        return services.AddScoped<DashboardService>();
    }
}
