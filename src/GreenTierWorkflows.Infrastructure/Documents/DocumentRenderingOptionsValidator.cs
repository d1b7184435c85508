using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>Checks <see cref="DocumentRenderingOptions"/> at start-up; each message names the key.</summary>
public sealed class DocumentRenderingOptionsValidator : IValidateOptions<DocumentRenderingOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentRenderingOptions options)
    {
        const string s = DocumentRenderingOptions.Section;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TemplatesDirectory)) problems.Add($"{s}:TemplatesDirectory 不能为空。");
        if (string.IsNullOrWhiteSpace(options.ChromiumPath)) problems.Add($"{s}:ChromiumPath 不能为空（打印 PDF 需要 Chromium）。");
        if (options.PdfTimeoutSeconds is < 5 or > 600) problems.Add($"{s}:PdfTimeoutSeconds 应在 5–600 之间。");
        if (options.MaxConcurrentPrints is < 1 or > 16) problems.Add($"{s}:MaxConcurrentPrints 应在 1–16 之间。");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
