using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>
/// A task enters the inbox (once), the nomination moves to its stage, and its assignees are told — except for a revision
/// task, whose district gets the one 【退回修改】 notice instead.
/// </summary>
public sealed class ReviewTaskOpenedHandler : EffectHandler<ReviewTaskOpened>
{
    protected override async Task ApplyAsync(EffectApplication a, ReviewTaskOpened e, CancellationToken ct)
    {
        var nomination = a.Nomination;
        var task = new ReviewTask
        {
            Id = e.TaskId,
            NominationId = nomination.Id,
            WorkflowInstanceId = a.Effect.WorkflowInstanceId,
            WorkflowDefinitionId = e.DefinitionId ?? "",
            WorkflowVersion = a.Effect.DefinitionVersion,
            ActivityId = a.Effect.ActivityId,
            Title = e.Title ?? "",
            Stage = e.Stage ?? "",
            AssigneeRole = e.Role ?? Roles.CityReviewer,
            DistrictCode = e.District ?? nomination.DistrictCode,
            Outcomes = e.Outcomes?.ToList() ?? [],
            FormKey = e.FormKey ?? FormKeys.Review,
            NominationType = nomination.Type,
            Year = nomination.Year,
            ApplicantName = nomination.ApplicantName,
            CreatedAt = a.Now,
            DueAt = e.DueAt,
            Checklist = e.Checklist?.ToList() ?? [],
        };
        if (await a.Db.ReviewTasks.FindAsync([task.Id], ct) is not null) return;
        a.Db.ReviewTasks.Add(task);
        nomination.Stage = task.Stage;
        a.History("进入阶段", $"待{Roles.DisplayName(task.AssigneeRole)}办理：{task.Title}", task.Id, task.Stage);
        // A return is one mail to the district: 【退回修改】 with the reasons, the revision task's link and due date — no second 【待办】.
        if (task.Stage == StageNames.Revision)
        {
            await NotifyReturnAsync(a, task, ct);
            return;
        }
        await a.NotifyAsync(task.AssigneeRole, NoticeKinds.TaskAssigned, a.Model(new()
        {
            ["task_title"] = task.Title, ["stage"] = task.Stage, ["due_at"] = (task.DueAt is { } due ? ChinaTime.Minute(due) : "无"),
            ["task_url"] = $"{a.AppUrl}/tasks/{task.Id}",
        }), ct, task.DistrictCode);
    }

    /// <summary>
    /// 【退回修改】 for the revision task: the reasons and reviewer of the decision that returned the nomination (recorded by
    /// this batch of effects or an earlier one), with the link to the revision task and its due date.
    /// </summary>
    private static async Task NotifyReturnAsync(EffectApplication a, ReviewTask task, CancellationToken ct)
    {
        var returned = a.Db.ReviewTasks.Local
                .Where(t => t.NominationId == task.NominationId && t.Outcome == ReviewOutcomes.Return && t.CompletedAt is not null)
                .MaxBy(t => t.CompletedAt)
            ?? await a.Db.ReviewTasks.Where(t => t.NominationId == task.NominationId && t.Outcome == ReviewOutcomes.Return && t.CompletedAt != null)
                .OrderByDescending(t => t.CompletedAt).FirstOrDefaultAsync(ct);
        await a.NotifyAsync(Roles.District, NoticeKinds.ReturnedForRevision, a.Model(new()
        {
            ["stage"] = returned?.Stage ?? "", ["reasons"] = returned?.Comment ?? "", ["reviewer_name"] = returned?.CompletedByName ?? "",
            ["task_url"] = $"{a.AppUrl}/tasks/{task.Id}", ["due_at"] = task.DueAt is { } due ? ChinaTime.Minute(due) : "无",
        }), ct, task.DistrictCode);
    }
}
