using GreenTierWorkflows.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Tasks;

public static class TasksServiceCollectionExtensions
{
    /// <summary>The task inbox and decisions, and the overdue check the scheduler runs.</summary>
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<ReviewTaskService>();
        return services.AddScheduledCheck<ITaskDeadlineCheck, TaskDeadlineMonitor>();
    }
}
