namespace GreenTierWorkflows.Web.Endpoints;

public sealed record PoolExit(string? Reason);
