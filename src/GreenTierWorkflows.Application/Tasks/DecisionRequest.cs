namespace GreenTierWorkflows.Application.Tasks;

/// <summary>
/// A decision: one of the task's outcomes, a comment (required for anything but approval) and, on a step with an on-site
/// checklist, its answers (<see cref="ChecklistRules"/>).
/// </summary>
public sealed record DecisionRequest(string? Outcome, string? Comment, IReadOnlyList<ChecklistAnswerInput>? Checklist = null);
