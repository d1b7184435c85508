namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Hangfire keeps process-wide state, so these tests run alone (no other collection in parallel).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire";
}
