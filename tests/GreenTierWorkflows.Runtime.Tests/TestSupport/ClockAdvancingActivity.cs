using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Execution;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Runtime.Tests.TestSupport;

/// <summary><c>Test.Slow</c>: an activity that takes <paramref name="step"/> of the fake clock's time, then completes.</summary>
public sealed class ClockAdvancingActivity(FakeTimeProvider clock, TimeSpan step) : IActivity
{
    public const string TypeName = "Test.Slow";

    public ActivityDescriptor Descriptor { get; } = new(TypeName, "Test", "慢活动");

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        clock.Advance(step);
        return context.CompleteAsync();
    }
}
