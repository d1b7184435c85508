using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>通知发件箱: <see cref="OutboxService"/> (list, retry a dead letter; audited).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services) => services.AddScoped<OutboxService>();
}
