using GreenTierWorkflows.Domain.Calendar;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>
/// One effect being applied: the applier's database context, the nomination it concerns, the stored effect and the time,
/// with what every handler writes the same way (a history line, a notice to the district, the notice model).
/// </summary>
public sealed class EffectApplication(GreenTierDbContext db, Nomination nomination, WorkflowEffect effect, DateTimeOffset now, string appUrl)
{
    public GreenTierDbContext Db => db;
    public Nomination Nomination => nomination;
    public WorkflowEffect Effect => effect;
    public DateTimeOffset Now => now;
    public string AppUrl => appUrl;

    /// <summary>A line of the nomination's history, by the workflow unless an actor is named.</summary>
    public void History(string action, string? comment, string? taskId = null, string? stage = null, string? actorId = null, string? actorName = null) =>
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = nomination.Id, At = now, Action = action, Comment = comment, Stage = stage ?? nomination.Stage, TaskId = taskId,
            ActorId = actorId, ActorName = actorName ?? "系统（工作流）",
            WorkflowDefinitionId = nomination.WorkflowDefinitionId, WorkflowVersion = effect.DefinitionVersion,
        });

    /// <summary>A notice to the users of <paramref name="role"/> in the nomination's district (or city-wide), once per effect.</summary>
    public async Task NotifyAsync(string role, string kind, JsonObject model, CancellationToken ct, string? district = null)
    {
        foreach (var to in await RecipientDirectory.FindAsync(db, role, district ?? nomination.DistrictCode, ct))
            db.OutboxNotices.Add(OutboxNotice.Create(kind, to, (JsonObject)model.DeepClone(), effect.Id, now, nomination.Id));
    }

    /// <summary>A notice to the nomination's district.</summary>
    public Task NotifyDistrictAsync(string kind, JsonObject model, CancellationToken ct) => NotifyAsync(Roles.District, kind, model, ct);

    /// <summary>The notice model: <paramref name="extra"/> with the nomination's names and links.</summary>
    public JsonObject Model(JsonObject extra)
    {
        extra["applicant_name"] = nomination.ApplicantName;
        extra["type_name"] = DomainText.Of(nomination.Type);
        extra["tier_name"] = DomainText.Of(nomination.TargetTier);
        extra["district_name"] = HuangshanUnits.NameOf(nomination.DistrictCode);
        extra["nomination_url"] = $"{appUrl}/nominations/{nomination.Id}";
        extra["app_url"] = appUrl;
        return extra;
    }

    /// <summary>A date as the notices show it (China time).</summary>
    public static string Date(DateTimeOffset? at) => at is { } day ? ChinaTime.Day(day) : "";
}
