using GreenTierWorkflows.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Windows;

public static class DeclarationWindowServiceCollectionExtensions
{
    /// <summary>The declaration round's notices (window opened, deadline reminders) the scheduler runs.</summary>
    public static IServiceCollection AddDeclarationRound(this IServiceCollection services) =>
        services.AddScheduledCheck<IDeclarationWindowCheck, DeclarationWindowMonitor>();
}
