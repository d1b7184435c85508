using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Tests.TestSupport;

/// <summary><c>Test.Cancel</c>: cancels the caller's token (as an aborted request would), writes a line and completes.</summary>
public sealed class CancellingActivity(CancellationTokenSource source) : IActivity
{
    public const string TypeName = "Test.Cancel";

    public ActivityDescriptor Descriptor { get; } = new(TypeName, "Test", "取消调用");

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        source.Cancel();
        context.WriteLine("cancelled");
        return context.CompleteAsync();
    }
}
