using GreenTierWorkflows.Infrastructure.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Documents;

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>Generated documents (申报书, 推荐文件, 推荐汇总表, 公示, 核查记录): the use cases, their settings and the renderer.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDocumentRendering(configuration);
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidator>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DocumentOptions>>().Value);
        services.AddScoped<DocumentService>();
        return services;
    }
}
