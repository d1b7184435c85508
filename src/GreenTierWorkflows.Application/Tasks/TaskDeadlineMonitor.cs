using GreenTierWorkflows.Infrastructure.Scheduling;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>
/// Raises the overdue reminders of review tasks: once to the assignees when the due time has passed, and once to the
/// supervisor (the city reviewers for district steps, the administrators for city-level steps) after the grace period.
/// The flags on the task are saved with the outbox rows, so a reminder is never queued twice.
/// </summary>
public sealed class TaskDeadlineMonitor(GreenTierDbContext db, NominationOptions options, TimeProvider clock) : ITaskDeadlineCheck
{
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var escalateBefore = now.AddDays(-options.OverdueGraceDays);
        // Only the tasks with a reminder due now are read (on the (Status, DueAt) index), each with its nomination's tier
        // in the same query; open tasks not yet due, or already reminded, are never loaded.
        var due = await (from t in db.ReviewTasks
                         where t.Status == ReviewTaskStatus.Open && t.DueAt != null && t.DueAt < now
                             && (t.OverdueNotifiedAt == null || (t.EscalatedAt == null && t.DueAt < escalateBefore))
                         join n in db.Nominations on t.NominationId equals n.Id into found
                         from n in found.DefaultIfEmpty()
                         select new { Task = t, Tier = n == null ? (Tier?)null : n.TargetTier }).ToListAsync(ct);
        var queued = 0;
        foreach (var (task, tier) in due.Select(d => (d.Task, d.Tier)))
        {
            var model = new JsonObject
            {
                ["task_title"] = task.Title, ["stage"] = task.Stage, ["applicant_name"] = task.ApplicantName,
                ["type_name"] = DomainText.Of(task.NominationType), ["district_name"] = HuangshanUnits.NameOf(task.DistrictCode),
                ["due_at"] = ChinaTime.Minute(task.DueAt!.Value),
                ["overdue_days"] = Math.Max(1, (int)Math.Ceiling((now - task.DueAt.Value).TotalDays)),
                ["task_url"] = $"{options.AppUrl}/tasks/{task.Id}", ["app_url"] = options.AppUrl,
            };
            model["tier_name"] = tier is { } t ? DomainText.Of(t) : "";
            if (task.OverdueNotifiedAt is null)
            {
                foreach (var to in await RecipientDirectory.FindAsync(db, task.AssigneeRole, task.DistrictCode, ct))
                    db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.TaskOverdue, to, (JsonObject)model.DeepClone(), $"overdue:{task.Id}", now, task.NominationId));
                task.OverdueNotifiedAt = now;
                queued++;
            }
            if (task.EscalatedAt is null && task.DueAt.Value.AddDays(options.OverdueGraceDays) < now)
            {
                model["assignee_role"] = Roles.DisplayName(task.AssigneeRole);
                var supervisor = task.AssigneeRole == Roles.District ? Roles.CityReviewer : Roles.Admin;
                foreach (var to in await RecipientDirectory.FindAsync(db, supervisor, null, ct))
                    db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.TaskOverdueEscalation, to, (JsonObject)model.DeepClone(), $"escalated:{task.Id}", now, task.NominationId));
                task.EscalatedAt = now;
                queued++;
            }
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }
}
