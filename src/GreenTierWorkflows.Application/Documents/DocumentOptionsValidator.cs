using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Documents;

/// <summary>Checks <see cref="DocumentOptions"/> at start-up; each message names the key.</summary>
public sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        const string s = DocumentOptions.Section;
        var problems = new List<string>();
        if (options.PublicNoticeWorkingDays is < 1 or > 60) problems.Add($"{s}:PublicNoticeWorkingDays 应在 1–60 个工作日之间。");
        if (string.IsNullOrWhiteSpace(options.ContactName)) problems.Add($"{s}:ContactName 不能为空（公示须写明联系人）。");
        if (string.IsNullOrWhiteSpace(options.ContactPhone)) problems.Add($"{s}:ContactPhone 不能为空。");
        if (string.IsNullOrWhiteSpace(options.ObjectionChannel)) problems.Add($"{s}:ObjectionChannel 不能为空（公示须写明异议渠道）。");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
