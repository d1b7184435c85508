using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// Applies the workflow effects of the nomination activities to the bureau's tables (tasks, nomination status and stage,
/// history, listings, notice outbox), in commit order. Each batch and the cursor that records it are saved in one
/// transaction, so every effect is applied exactly once even across crashes and several app nodes (the cursor row is
/// a concurrency token: a node that lost the race re-reads and skips what the other applied).
/// </summary>
public sealed class NominationEffectApplier(IServiceScopeFactory scopes, IWorkflowEffectStore effects, TimeProvider clock,
    NominationOptions options, ILogger<NominationEffectApplier> logger)
{
    public const string Consumer = "nominations";
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Applies every effect not applied yet.</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            while (await ApplyNextBatchAsync(ct)) { }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> ApplyNextBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var cursor = await db.EffectCursors.FindAsync([Consumer], ct);
        if (cursor is null) db.EffectCursors.Add(cursor = new EffectCursor { Consumer = Consumer });
        var batch = await effects.ListEffectsAsync(cursor.Sequence, 100, ct);
        if (batch.Count == 0) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var stored in batch) await ApplyAsync(db, stored.Effect, ct);
        cursor.Sequence = batch[^1].Sequence;
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Another node applied workflow effects first; re-reading.");
        }
        return true;
    }

    private async Task ApplyAsync(GreenTierDbContext db, WorkflowEffect effect, CancellationToken ct)
    {
        var nomination = effect.CorrelationId is null ? null : await db.Nominations.FindAsync([effect.CorrelationId], ct);
        if (nomination is null)
        {
            logger.LogWarning("Effect {Kind} of instance {Instance} has no nomination ({Correlation}); skipped.", effect.Kind, effect.WorkflowInstanceId, effect.CorrelationId);
            return;
        }
        var p = effect.Payload;
        var now = clock.GetUtcNow();
        nomination.UpdatedAt = now;
        nomination.WorkflowVersion = effect.DefinitionVersion;
        switch (effect.Kind)
        {
            case EffectKinds.TaskOpened:
                await OpenTaskAsync(db, nomination, effect, p, now, ct);
                break;
            case EffectKinds.TaskCompleted:
                await CompleteTaskAsync(db, nomination, effect, p, now, ct);
                break;
            case EffectKinds.StatusChanged:
                await ChangeStatusAsync(db, nomination, effect, p, now, ct);
                break;
            case EffectKinds.PublicNoticeStarted:
                History(db, nomination, effect, now, "公示开始", $"{Text(p, "level")}公示 {Date(p, "startsOn")} 至 {Date(p, "endsOn")}");
                await NotifyDistrictAsync(db, nomination, NoticeKinds.PublicNoticeStarted, effect.Id, Model(nomination, new()
                {
                    ["level_name"] = Text(p, "level"), ["starts_on"] = Date(p, "startsOn"), ["ends_on"] = Date(p, "endsOn"),
                    ["working_days"] = p["days"]?.GetValue<int>() ?? 0,
                }), now, ct);
                break;
            case EffectKinds.PublicNoticeEnded:
                var objected = p["objections"]?.GetValue<int>() > 0;
                History(db, nomination, effect, now, objected ? "公示异议" : "公示结束",
                    objected ? $"{Text(p, "level")}公示期间收到异议：{Text(p, "objection")}" : $"{Text(p, "level")}公示期满，无异议",
                    actorName: objected ? Text(p, "actorName") : null);
                await NotifyDistrictAsync(db, nomination, NoticeKinds.PublicNoticeEnded, effect.Id, Model(nomination, new()
                {
                    ["level_name"] = Text(p, "level"), ["ends_on"] = Date(p, "endsOn"), ["objections"] = objected ? 1 : 0,
                    ["result"] = objected ? "收到异议，转入异议核查" : "公示期满无异议",
                }), now, ct);
                break;
            case EffectKinds.Notice:
                var role = Text(p, "role") ?? Roles.District;
                var model = Model(nomination, p["model"] as JsonObject is { } extra ? (JsonObject)extra.DeepClone() : new JsonObject());
                foreach (var to in await RecipientDirectory.FindAsync(db, role, nomination.DistrictCode, ct))
                    db.OutboxNotices.Add(OutboxNotice.Create(Text(p, "template") ?? NoticeKinds.DecisionResult, to, (JsonObject)model.DeepClone(), effect.Id, now, nomination.Id));
                break;
            case EffectKinds.ListingChanged:
                await ChangeListingAsync(db, nomination, effect, p, now, ct);
                break;
            default:
                logger.LogWarning("Unknown effect kind {Kind}; skipped.", effect.Kind);
                break;
        }
    }

    private async Task OpenTaskAsync(GreenTierDbContext db, Nomination nomination, WorkflowEffect effect, JsonObject p, DateTimeOffset now, CancellationToken ct)
    {
        var task = new ReviewTask
        {
            Id = Text(p, "taskId")!,
            NominationId = nomination.Id,
            WorkflowInstanceId = effect.WorkflowInstanceId,
            WorkflowDefinitionId = Text(p, "definitionId") ?? "",
            WorkflowVersion = effect.DefinitionVersion,
            ActivityId = effect.ActivityId,
            Title = Text(p, "title") ?? "",
            Stage = Text(p, "stage") ?? "",
            AssigneeRole = Text(p, "role") ?? Roles.CityReviewer,
            DistrictCode = Text(p, "district") ?? nomination.DistrictCode,
            Outcomes = (p["outcomes"] as JsonArray)?.Select(o => o!.GetValue<string>()).ToList() ?? [],
            FormKey = Text(p, "formKey") ?? "review",
            NominationType = nomination.Type,
            Year = nomination.Year,
            ApplicantName = nomination.ApplicantName,
            CreatedAt = now,
            DueAt = Text(p, "dueAt") is { } due ? DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        if (await db.ReviewTasks.FindAsync([task.Id], ct) is not null) return;
        db.ReviewTasks.Add(task);
        nomination.Stage = task.Stage;
        History(db, nomination, effect, now, "进入阶段", $"待{Roles.DisplayName(task.AssigneeRole)}办理：{task.Title}", task.Id, task.Stage);
        foreach (var to in await RecipientDirectory.FindAsync(db, task.AssigneeRole, task.DistrictCode, ct))
            db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.TaskAssigned, to, Model(nomination, new()
            {
                ["task_title"] = task.Title, ["stage"] = task.Stage, ["due_at"] = (task.DueAt is { } dueAt ? ChinaTime.Minute(dueAt) : "无"),
                ["task_url"] = $"{options.AppUrl}/tasks/{task.Id}",
            }), effect.Id, now, nomination.Id));
    }

    private async Task CompleteTaskAsync(GreenTierDbContext db, Nomination nomination, WorkflowEffect effect, JsonObject p, DateTimeOffset now, CancellationToken ct)
    {
        var task = await db.ReviewTasks.FindAsync([Text(p, "taskId")!], ct);
        if (task is null) return;
        await ConfirmAttachmentsAsync(db, task, p, ct);
        task.Status = ReviewTaskStatus.Completed;
        task.Outcome = Text(p, "outcome");
        task.Comment = Text(p, "comment");
        task.CompletedAt = now;
        task.CompletedById = Text(p, "actorId");
        task.CompletedByName = Text(p, "actorName");
        task.Revision++;
        History(db, nomination, effect, now, task.Outcome ?? "", task.Comment, task.Id, task.Stage, task.CompletedById, task.CompletedByName);
        if (task.Outcome == ReviewOutcomes.Return)
            await NotifyDistrictAsync(db, nomination, NoticeKinds.ReturnedForRevision, effect.Id, Model(nomination, new()
            {
                ["stage"] = task.Stage, ["reasons"] = task.Comment ?? "", ["reviewer_name"] = task.CompletedByName ?? "",
            }), now, ct);
    }

    /// <summary>
    /// The decision's files were stored pending; the ones its effect names become the nomination's materials in the
    /// transaction that records the decision. Files of earlier attempts that never committed stay pending for the sweeper.
    /// </summary>
    private async Task ConfirmAttachmentsAsync(GreenTierDbContext db, ReviewTask task, JsonObject p, CancellationToken ct)
    {
        var ids = (p["attachments"] as JsonArray ?? []).Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
        if (ids.Count == 0) return;
        var pending = await db.Materials.IgnoreQueryFilters().Where(m => ids.Contains(m.Id) && m.PendingTaskId == task.Id).ToListAsync(ct);
        foreach (var material in pending) (material.PendingSince, material.PendingTaskId) = (null, null);
        if (pending.Count < ids.Count)
            logger.LogWarning("Decision on task {TaskId} names {Expected} attachments, {Found} were still pending (the others were swept or confirmed).",
                task.Id, ids.Count, pending.Count);
    }

    private async Task ChangeStatusAsync(GreenTierDbContext db, Nomination nomination, WorkflowEffect effect, JsonObject p, DateTimeOffset now, CancellationToken ct)
    {
        if (!Enum.TryParse<NominationStatus>(Text(p, "status"), out var status)) status = nomination.Status;
        nomination.Status = status;
        if (Text(p, "stage") is { Length: > 0 } stage) nomination.Stage = stage;
        History(db, nomination, effect, now, "状态变更", $"{DomainText.Of(status)}：{nomination.Stage}{(Text(p, "note") is { Length: > 0 } note ? "。" + note : "")}");
        if (status == NominationStatus.Listed)
        {
            var tier = Enum.TryParse<Tier>(Text(p, "listedTier"), out var t) ? t : nomination.TargetTier;
            db.Listings.Add(new Listing
            {
                Id = Guid.CreateVersion7().ToString("N"), Type = nomination.Type, Tier = tier, EnterpriseId = nomination.EnterpriseId,
                ParkId = nomination.ParkId, ApplicantName = nomination.ApplicantName, DistrictCode = nomination.DistrictCode,
                Year = nomination.Year, ListedOn = ChinaTime.DayOf(now),
                NominationId = nomination.Id, Status = ListingStatus.Active,
            });
        }
        if (status is NominationStatus.Listed or NominationStatus.Rejected)
            await NotifyDistrictAsync(db, nomination, NoticeKinds.DecisionResult, effect.Id, Model(nomination, new()
            {
                ["level_name"] = nomination.Stage, ["result"] = status == NominationStatus.Listed ? "通过，已列入名单" : "未通过",
                ["comment"] = Text(p, "note") ?? "",
            }), now, ct);
    }

    private async Task ChangeListingAsync(GreenTierDbContext db, Nomination nomination, WorkflowEffect effect, JsonObject p, DateTimeOffset now, CancellationToken ct)
    {
        var listing = Text(p, "listingId") is { } listingId ? await db.Listings.FindAsync([listingId], ct) : null;
        if (listing is null) return;
        var year = p["year"] is JsonValue y && y.TryGetValue<int>(out var yv) ? yv : now.Year;
        switch (Text(p, "action"))
        {
            case ChangeListingActivity.AnnualReportAccepted:
                listing.LastAnnualReportYear = Math.Max(listing.LastAnnualReportYear ?? 0, year);
                History(db, nomination, effect, now, "动态管理表审核通过", $"{year} 年度动态管理表已审核通过");
                break;
            case ChangeListingActivity.ReviewPassed:
                listing.LastReviewOn = ChinaTime.DayOf(now);
                History(db, nomination, effect, now, "复审通过", $"{DomainText.Of(listing.Tier)}名单资格保留");
                break;
            case ChangeListingActivity.Revoke:
                await RevokeAsync(db, nomination, listing, Text(p, "reason") ?? "动态管理未通过", null, "系统（工作流）", effect.DefinitionVersion, now, ct);
                break;
        }
    }

    /// <summary>撤销: the listing loses its place, the history says why, the district is told.</summary>
    public static async Task RevokeAsync(GreenTierDbContext db, Nomination nomination, Listing listing, string reason, string? actorId, string actorName,
        int? version, DateTimeOffset now, CancellationToken ct)
    {
        listing.Status = ListingStatus.Revoked;
        listing.RevokedAt = now;
        listing.RevocationReason = reason;
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = nomination.Id, At = now, ActorId = actorId, ActorName = actorName, Action = "撤销名单资格",
            Stage = $"{DomainText.Of(listing.Tier)}名单", Comment = reason, WorkflowDefinitionId = nomination.WorkflowDefinitionId, WorkflowVersion = version,
        });
        foreach (var to in await RecipientDirectory.FindAsync(db, Roles.District, listing.DistrictCode, ct))
            db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.ListingRevoked, to, new JsonObject
            {
                ["applicant_name"] = listing.ApplicantName, ["type_name"] = DomainText.Of(listing.Type), ["tier_name"] = DomainText.Of(listing.Tier),
                ["reason"] = reason, ["revoked_on"] = ChinaTime.Day(now),
                ["district_name"] = HuangshanUnits.NameOf(listing.DistrictCode), ["app_url"] = "",
            }, $"revoked:{listing.Id}", now, nomination.Id));
    }

    private async Task NotifyDistrictAsync(GreenTierDbContext db, Nomination nomination, string kind, string dedup, JsonObject model, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var to in await RecipientDirectory.FindAsync(db, Roles.District, nomination.DistrictCode, ct))
            db.OutboxNotices.Add(OutboxNotice.Create(kind, to, (JsonObject)model.DeepClone(), dedup, now, nomination.Id));
    }

    private JsonObject Model(Nomination n, JsonObject extra)
    {
        extra["applicant_name"] = n.ApplicantName;
        extra["type_name"] = DomainText.Of(n.Type);
        extra["tier_name"] = DomainText.Of(n.TargetTier);
        extra["district_name"] = HuangshanUnits.NameOf(n.DistrictCode);
        extra["nomination_url"] = $"{options.AppUrl}/nominations/{n.Id}";
        extra["app_url"] = options.AppUrl;
        return extra;
    }

    private static void History(GreenTierDbContext db, Nomination n, WorkflowEffect effect, DateTimeOffset now, string action, string? comment,
        string? taskId = null, string? stage = null, string? actorId = null, string? actorName = null) =>
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = n.Id, At = now, Action = action, Comment = comment, Stage = stage ?? n.Stage, TaskId = taskId,
            ActorId = actorId, ActorName = actorName ?? "系统（工作流）",
            WorkflowDefinitionId = n.WorkflowDefinitionId, WorkflowVersion = effect.DefinitionVersion,
        });

    private static string? Text(JsonObject p, string key) => p[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Date(JsonObject p, string key) =>
        Text(p, key) is { } s ? ChinaTime.Day(DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture)) : "";
}

/// <summary>Nomination settings (section <c>Nominations</c>).</summary>
public sealed class NominationOptions
{
    public const string Section = "Nominations";
    /// <summary>Public address of the app, used in notice links.</summary>
    public string AppUrl { get; set; } = "http://127.0.0.1:5080";
    /// <summary>How many nominations the city may recommend to the province per year (default for years not listed).</summary>
    public int DefaultProvincialQuota { get; set; } = 9;
    /// <summary>Per-year overrides, e.g. { "2025": 9 }.</summary>
    public Dictionary<string, int> ProvincialQuota { get; set; } = new() { ["2025"] = 9 };
    /// <summary>Largest accepted material file.</summary>
    public long MaxMaterialBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>Days after the due time before an overdue task is escalated to the supervisor.</summary>
    public int OverdueGraceDays { get; set; } = 3;
    /// <summary>Where material bytes are kept: Auto (default: files on SQLite, the database on PostgreSQL), Files or Database.</summary>
    public MaterialStorage MaterialStorage { get; set; } = MaterialStorage.Auto;
    /// <summary>
    /// Directory of the material files (<c>{sha256}.pdf</c>) with <see cref="MaterialStorage.Files"/>; with
    /// <see cref="MaterialStorage.Database"/>, files found here are imported at start-up (<see cref="MaterialFileImporter"/>).
    /// </summary>
    public string MaterialsDirectory { get; set; } = "data/materials";
    /// <summary>
    /// Minutes a decision's pending files, and content files no material refers to, are left alone before the material
    /// sweeper removes them (an upload or decision still in flight, on this node or another, is never touched).
    /// </summary>
    public int MaterialSweepGraceMinutes { get; set; } = 60;
    /// <summary>Minutes between two runs of the material sweeper (it also runs at start-up); 0 turns the periodic run off.</summary>
    public int MaterialSweepIntervalMinutes { get; set; } = 60;

    public int QuotaFor(int year) => ProvincialQuota.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var q) ? q : DefaultProvincialQuota;
}
