using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.HttpWorkflows;

/// <summary>Checks <see cref="HttpWorkflowOptions"/> on start, so a wrong setting stops the host with its Chinese reason.</summary>
public sealed class HttpWorkflowOptionsValidator : IValidateOptions<HttpWorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpWorkflowOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
