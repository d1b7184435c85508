namespace GreenTierWorkflows.Web.Endpoints;

public sealed record PoolGuidance(string? GuidanceNotes);
