using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Infrastructure.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Notice templates, renderer, SMTP sender, dispatcher and the delivery loop, configured from section <c>Notices</c>, and
    /// the 消息中心 copy of each notice (<see cref="OfficialMessageWriter"/>, which the bureau's database context picks up).
    /// Expects <c>GreenTierDbContext</c> to be registered by the host.
    /// </summary>
    public static IServiceCollection AddGreenTierNotices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NoticeOptions>().Bind(configuration.GetSection(NoticeOptions.Section))
            .Validate(o => o.RoundBudgetSeconds > 0, "Notices:RoundBudgetSeconds 必须大于 0。").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NoticeTemplateCatalog>();
        services.AddSingleton<NoticeRenderer>();
        services.AddSingleton<OfficialMessageWriter>();
        services.TryAddSingleton<ISmtpClientFactory, MailKitSmtpClientFactory>();
        services.AddSingleton<SmtpNoticeSender>();
        services.AddSingleton<NoticeDispatcher>();
        services.AddHostedService<NoticeDeliveryService>();
        return services;
    }
}
