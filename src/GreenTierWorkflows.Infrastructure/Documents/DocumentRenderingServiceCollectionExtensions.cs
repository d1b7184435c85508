using GreenTierWorkflows.Domain.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Documents;

public static class DocumentRenderingServiceCollectionExtensions
{
    /// <summary>Document templates, their renderer and the Chromium PDF printer, configured from section <c>Documents</c> and validated on start.</summary>
    public static IServiceCollection AddDocumentRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentRenderingOptions>().Bind(configuration.GetSection(DocumentRenderingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentRenderingOptions>, DocumentRenderingOptionsValidator>();
        services.TryAddSingleton<DocumentTemplateCatalog>();
        services.TryAddSingleton<DocumentRenderer>();
        services.TryAddSingleton<IPdfPrinter, ChromiumPdfPrinter>();
        services.TryAddSingleton(new WorkingDayCalendar());
        return services;
    }
}
