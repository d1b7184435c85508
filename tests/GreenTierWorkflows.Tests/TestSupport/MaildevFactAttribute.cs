namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>A fact that is skipped when maildev is not installed (run <c>scripts/setup-test-deps.sh</c>).</summary>
public sealed class MaildevFactAttribute : FactAttribute
{
    public MaildevFactAttribute()
    {
        // In CI the test command installs maildev, so a missing one must fail the run rather than skip quietly.
        if (!MaildevFixture.Available && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"maildev not installed at {MaildevFixture.Script}; run scripts/setup-test-deps.sh";
    }
}
