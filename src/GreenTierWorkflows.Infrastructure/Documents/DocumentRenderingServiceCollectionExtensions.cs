using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Documents;

public static class DocumentRenderingServiceCollectionExtensions
{
    /// <summary>Document templates, their renderer and the Chromium PDF printer, configured from section <c>Documents</c> and validated on start.
    /// The host registers the <c>WorkingDayCalendar</c> (loaded from <c>calendars/</c>): there is no empty default, so a composition that forgot
    /// it fails at resolution instead of counting 公示 days across holidays.</summary>
    public static IServiceCollection AddDocumentRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentRenderingOptions>().Bind(configuration.GetSection(DocumentRenderingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentRenderingOptions>, DocumentRenderingOptionsValidator>();
        services.TryAddSingleton<DocumentTemplateCatalog>();
        services.TryAddSingleton<DocumentRenderer>();
        services.TryAddSingleton<IPdfPrinter, ChromiumPdfPrinter>();
        return services;
    }
}
