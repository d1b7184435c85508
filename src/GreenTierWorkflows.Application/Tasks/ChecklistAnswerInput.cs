namespace GreenTierWorkflows.Application.Tasks;

/// <summary>A verifier's answer to one checklist item as sent with a decision: the item's code, 符合 / 不符合 / 不适用, and a note.</summary>
public sealed record ChecklistAnswerInput(string? Code, string? Verdict, string? Note);
