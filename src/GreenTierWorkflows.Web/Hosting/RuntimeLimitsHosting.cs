using GreenTierWorkflows.Runtime;
using GreenTierWorkflows.Runtime.Execution;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>The runtime's resource limits from configuration (<c>Runtime:Limits</c>), checked when the app starts.</summary>
public static class RuntimeLimitsHosting
{
    /// <summary>Binds <see cref="WorkflowLimits"/> to <see cref="WorkflowLimits.Section"/> and hands them to the runtime.</summary>
    public static WorkflowRuntimeBuilder UseConfiguredLimits(this WorkflowRuntimeBuilder runtime)
    {
        runtime.Services.AddOptions<WorkflowLimits>().BindConfiguration(WorkflowLimits.Section).ValidateOnStart();
        runtime.Services.AddSingleton<IValidateOptions<WorkflowLimits>, WorkflowLimitsValidator>();
        return runtime.UseLimits(sp => sp.GetRequiredService<IOptions<WorkflowLimits>>().Value);
    }
}
