using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Checks <see cref="SchedulingOptions"/> on start, so a wrong setting stops the host with its Chinese reason.</summary>
public sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
