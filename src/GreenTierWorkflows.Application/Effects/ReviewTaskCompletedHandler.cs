using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>A decision is recorded on its task (with its files confirmed and its checklist answers), and written to the history.</summary>
public sealed class ReviewTaskCompletedHandler(ILogger<ReviewTaskCompletedHandler> logger) : EffectHandler<ReviewTaskCompleted>
{
    protected override async Task ApplyAsync(EffectApplication a, ReviewTaskCompleted e, CancellationToken ct)
    {
        var task = await a.Db.ReviewTasks.FindAsync([e.TaskId], ct);
        if (task is null) return;
        await ConfirmAttachmentsAsync(a.Db, task, e.Attachments ?? [], ct);
        task.Status = ReviewTaskStatus.Completed;
        task.Outcome = e.Outcome;
        task.Comment = e.Comment;
        task.ChecklistAnswers = e.Checklist?.ToList() ?? [];
        task.CompletedAt = a.Now;
        task.CompletedById = e.ActorId;
        task.CompletedByName = e.ActorName;
        task.Revision++;
        a.History(task.Outcome ?? "", task.Comment, task.Id, task.Stage, task.CompletedById, task.CompletedByName);
        // A return is told to the district when its revision task opens (ReviewTaskOpenedHandler): one mail with the task's link.
    }

    /// <summary>
    /// The decision's files were stored pending; the ones its effect names become the nomination's materials in the
    /// transaction that records the decision. Files of earlier attempts that never committed stay pending for the sweeper.
    /// </summary>
    private async Task ConfirmAttachmentsAsync(GreenTierDbContext db, ReviewTask task, IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var pending = await db.Materials.IgnoreQueryFilters().Where(m => ids.Contains(m.Id) && m.PendingTaskId == task.Id).ToListAsync(ct);
        foreach (var material in pending) (material.PendingSince, material.PendingTaskId) = (null, null);
        if (pending.Count < ids.Count)
            logger.LogWarning("Decision on task {TaskId} names {Expected} attachments, {Found} were still pending (the others were swept or confirmed).",
                task.Id, ids.Count, pending.Count);
    }
}
