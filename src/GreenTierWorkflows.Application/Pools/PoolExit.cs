namespace GreenTierWorkflows.Application.Pools;

public sealed record PoolExit(string? Reason);
