namespace GreenTierWorkflows.Domain.Tasks;

/// <summary>
/// The verifier's answer to one checklist item, stored with the decision: the item as it was asked (code, text, required)
/// so the record reads the same after the workflow's checklist changes, the verdict (<see cref="ChecklistVerdicts"/>) and a note.
/// </summary>
public sealed record ChecklistAnswer(string Code, string Text, bool Required, string Verdict, string? Note);
