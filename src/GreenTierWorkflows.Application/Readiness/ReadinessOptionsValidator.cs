using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>Reads the rules files on start, so a wrong file stops the host with its Chinese reason naming the file and the field.</summary>
public sealed class ReadinessOptionsValidator : IValidateOptions<ReadinessOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadinessOptions options)
    {
        try
        {
            _ = new ReadinessRuleCatalog(Infrastructure.Templates.ScribanTemplateFolder.ResolveDirectory(options.RulesDirectory));
            return ValidateOptionsResult.Success;
        }
        catch (ReadinessRuleException e)
        {
            return ValidateOptionsResult.Fail($"{ReadinessOptions.Section}:RulesDirectory：{e.Message}");
        }
    }
}
