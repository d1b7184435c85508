using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;

namespace GreenTierWorkflows.Web.Components;

/// <summary>Registers <see cref="ChineseMudLocalizer"/> for MudBlazor's built-in texts whatever the server's UI culture.</summary>
public static class ChineseMudLocalization
{
    /// <summary>
    /// MudBlazor's own texts in Simplified Chinese: the localizer, and an interceptor that ignores MudBlazor's English default
    /// (which it would otherwise prefer whenever the server's UI culture is English, e.g. <c>en-US</c>).
    /// </summary>
    public static IServiceCollection AddChineseMudLocalization(this IServiceCollection services)
    {
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        services.AddLocalizationInterceptor(sp => new DefaultLocalizationInterceptor(sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<MudLocalizer>())
        {
            IgnoreDefaultEnglish = true,
        });
        return services;
    }
}
