using GreenTierWorkflows.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Listings;

public static class ListingsServiceCollectionExtensions
{
    /// <summary>Listings (动态管理, 复审, 撤销) and the reminders the scheduler runs.</summary>
    public static IServiceCollection AddListings(this IServiceCollection services)
    {
        services.AddScoped<ListingService>();
        return services.AddScheduledCheck<IListingReminderCheck, ListingReminderMonitor>();
    }
}
