namespace GreenTierWorkflows.Application.Nominations;

/// <summary>An objection received during the public notice (异议).</summary>
public sealed record ObjectionRequest(string? Content);
