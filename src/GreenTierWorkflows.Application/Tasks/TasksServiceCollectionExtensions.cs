using GreenTierWorkflows.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Tasks;

public static class TasksServiceCollectionExtensions
{
    /// <summary>The task inbox and decisions (one by one, and the city's 市级推荐 ranking in one batch), and the overdue check the scheduler runs.</summary>
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<ReviewTaskService>().AddScoped<Recommendations.RecommendationService>();
        return services.AddScheduledCheck<ITaskDeadlineCheck, TaskDeadlineMonitor>();
    }
}
