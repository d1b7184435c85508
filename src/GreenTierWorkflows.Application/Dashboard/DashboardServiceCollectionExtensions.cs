using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>统计看板: <see cref="DashboardService"/> and its settings (section <c>Dashboard</c>).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard"));
        return services.AddScoped<DashboardService>();
    }
}
