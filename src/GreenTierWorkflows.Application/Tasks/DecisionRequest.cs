namespace GreenTierWorkflows.Application.Tasks;

/// <summary>A decision: one of the task's outcomes, and a comment (required for anything but approval).</summary>
public sealed record DecisionRequest(string? Outcome, string? Comment);
