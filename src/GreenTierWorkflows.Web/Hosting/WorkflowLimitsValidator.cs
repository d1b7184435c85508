using GreenTierWorkflows.Runtime.Execution;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Refuses negative limits at start-up, with the setting named.</summary>
public sealed class WorkflowLimitsValidator : IValidateOptions<WorkflowLimits>
{
    public ValidateOptionsResult Validate(string? name, WorkflowLimits options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
