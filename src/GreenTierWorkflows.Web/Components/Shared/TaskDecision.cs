using GreenTierWorkflows.Domain.Activities;
using Microsoft.AspNetCore.Components.Forms;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>An official's decision on a task: one of its outcomes, a comment, any PDF attachments and the checklist's answers.</summary>
public sealed record TaskDecision(string Outcome, string? Comment, IReadOnlyList<IBrowserFile> Attachments,
    IReadOnlyList<GreenTierWorkflows.Application.Tasks.ChecklistAnswerInput>? Checklist = null)
{
    /// <summary>Approving or resubmitting needs no comment; every other outcome (退回修改, 不通过 …) must say why.</summary>
    public static bool NeedsComment(string outcome) => outcome is not (ReviewOutcomes.Approve or ReviewOutcomes.Resubmit);
}
