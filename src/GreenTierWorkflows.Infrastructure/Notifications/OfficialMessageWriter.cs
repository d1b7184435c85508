using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>
/// Renders every notice once, when it is queued, and writes its 消息中心 copy: when a unit of work that adds outbox notices is
/// saved, each added notice gets its subject, text and HTML (<see cref="OutboxNotice.RenderedSubject"/> …) and, when it has a
/// <see cref="OutboxNotice.RecipientUserId"/>, an <see cref="OfficialMessage"/> with that subject and text, in the same
/// SaveChanges (one transaction). The sender sends the stored rendering, so the mail is exactly what the official reads in
/// the app and what was true when the notice was queued, even if a template is edited before it goes out. Whoever queues a
/// notice — the effects, the monitors, a revocation — needs to do nothing more, and no notice is lost or doubled in the app.
/// </summary>
public sealed class OfficialMessageWriter(NoticeRenderer renderer, ILogger<OfficialMessageWriter>? logger = null) : SaveChangesInterceptor
{
    /// <summary>The model fields that name the page a notice is about, most specific first.</summary>
    private static readonly string[] LinkFields = ["task_url", "nomination_url", "member_url", "readiness_url"];

    private const int MaxSubjectLength = 500;
    private readonly ILogger log = logger ?? NullLogger<OfficialMessageWriter>.Instance;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddMessages(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        AddMessages(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddMessages(DbContext? context)
    {
        if (context is not GreenTierDbContext db) return;
        // Added entities are tracked as Added when they are added: no need to scan every tracked entity for changes here
        // (SaveChanges does that once, right after this interceptor).
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            List<OutboxNotice>? toAccounts = null;
            foreach (var entry in tracker.Entries<OutboxNotice>())
            {
                if (entry.State != EntityState.Added) continue;
                var notice = entry.Entity;
                if (notice.RenderedSubject is null) Render(notice);
                if (!string.IsNullOrEmpty(notice.RecipientUserId)) (toAccounts ??= []).Add(notice);
            }
            if (toAccounts is null) return;
            var written = tracker.Entries<OfficialMessage>().Select(m => m.Entity.NoticeId).ToHashSet(StringComparer.Ordinal);
            foreach (var notice in toAccounts.Where(n => !written.Contains(n.Id)))
                db.OfficialMessages.Add(From(notice));
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Renders the notice into its stored subject, text and HTML. A model that does not fit its template is left unrendered:
    /// the sender then tries again when it sends and makes it a dead letter with the template's error, as before.
    /// </summary>
    public void Render(OutboxNotice notice)
    {
        try
        {
            var model = JsonNode.Parse(notice.ModelJson) as JsonObject ?? throw new NoticeRenderException("通知模型不是 JSON 对象。");
            if (!model.ContainsKey("recipient_name")) model["recipient_name"] = notice.RecipientName;
            var rendered = renderer.Render(notice.Kind, model);
            (notice.RenderedSubject, notice.RenderedText, notice.RenderedHtml) = (rendered.Subject, rendered.Text, rendered.Html);
        }
        catch (Exception e) when (e is NoticeRenderException or JsonException)
        {
            log.LogWarning(e, "Notice {Id} ({Kind}) cannot be rendered when queued; it will be rendered again when sent.", notice.Id, notice.Kind);
        }
    }

    /// <summary>
    /// The message of a notice (already through <see cref="Render"/>): the subject and text rendered when it was queued, or a
    /// plain line naming the kind when the model does not fit its template.
    /// </summary>
    private OfficialMessage From(OutboxNotice notice)
    {
        // The mail will be a dead letter for the administrator; the official still sees that something was sent.
        var (subject, text) = notice is { RenderedSubject: { } s, RenderedText: { } t }
            ? (s, t) : ($"系统通知（{notice.Kind}）", "该通知的内容无法显示，请联系系统管理员。");
        return new OfficialMessage
        {
            Id = Guid.CreateVersion7().ToString("N"),
            RecipientUserId = notice.RecipientUserId!,
            NoticeId = notice.Id,
            Kind = notice.Kind,
            Subject = subject.Length <= MaxSubjectLength ? subject : subject[..MaxSubjectLength],
            Text = text,
            Link = LinkOf(notice.ModelJson),
            NominationId = notice.NominationId,
            CreatedAt = notice.CreatedAt,
        };
    }

    /// <summary>The page the notice is about, as a path of this app (the mail's links are absolute, with the configured address).</summary>
    private static string? LinkOf(string modelJson)
    {
        JsonObject? model;
        try
        {
            model = JsonNode.Parse(modelJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        if (model is null) return null;
        foreach (var field in LinkFields)
        {
            if (model[field] is not JsonValue value || !value.TryGetValue<string>(out var url) || string.IsNullOrWhiteSpace(url)) continue;
            if (url.StartsWith('/')) return url;
            if (Uri.TryCreate(url, UriKind.Absolute, out var absolute)) return absolute.PathAndQuery;
        }
        return null;
    }
}
