namespace GreenTierWorkflows.Application.Pools;

public sealed record PoolGuidance(string? GuidanceNotes);
