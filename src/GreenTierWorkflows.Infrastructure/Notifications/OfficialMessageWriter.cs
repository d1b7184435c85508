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
/// Writes the 消息中心 copy of every notice addressed to an account: when a unit of work that adds outbox notices is saved,
/// each added notice with a <see cref="OutboxNotice.RecipientUserId"/> gets an <see cref="OfficialMessage"/> in the same
/// SaveChanges (one transaction), with the subject and text rendered as the mail will be. Whoever queues a notice — the
/// effects, the monitors, a revocation — needs to do nothing more, and no notice is lost or doubled in the app.
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
        var added = db.ChangeTracker.Entries<OutboxNotice>()
            .Where(e => e.State == EntityState.Added && !string.IsNullOrEmpty(e.Entity.RecipientUserId)).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var written = db.OfficialMessages.Local.Select(m => m.NoticeId).ToHashSet(StringComparer.Ordinal);
        foreach (var notice in added.Where(n => !written.Contains(n.Id)))
            db.OfficialMessages.Add(From(notice));
    }

    /// <summary>The message of a notice: the mail's subject and text, or a plain line naming the kind when the model does not fit its template.</summary>
    public OfficialMessage From(OutboxNotice notice)
    {
        JsonObject? model = null;
        string subject, text;
        try
        {
            model = JsonNode.Parse(notice.ModelJson) as JsonObject ?? throw new NoticeRenderException("通知模型不是 JSON 对象。");
            var rendered = renderer.Render(notice.Kind, model);
            (subject, text) = (rendered.Subject, rendered.Text);
        }
        catch (Exception e) when (e is NoticeRenderException or JsonException)
        {
            // The mail will be a dead letter for the administrator; the official still sees that something was sent.
            log.LogWarning(e, "Notice {Id} ({Kind}) cannot be rendered for the message centre.", notice.Id, notice.Kind);
            (subject, text) = ($"系统通知（{notice.Kind}）", "该通知的内容无法显示，请联系系统管理员。");
        }
        return new OfficialMessage
        {
            Id = Guid.CreateVersion7().ToString("N"),
            RecipientUserId = notice.RecipientUserId!,
            NoticeId = notice.Id,
            Kind = notice.Kind,
            Subject = subject.Length <= MaxSubjectLength ? subject : subject[..MaxSubjectLength],
            Text = text,
            Link = model is null ? null : LinkOf(model),
            NominationId = notice.NominationId,
            CreatedAt = notice.CreatedAt,
        };
    }

    /// <summary>The page the notice is about, as a path of this app (the mail's links are absolute, with the configured address).</summary>
    private static string? LinkOf(JsonObject model)
    {
        foreach (var field in LinkFields)
        {
            if (model[field] is not JsonValue value || !value.TryGetValue<string>(out var url) || string.IsNullOrWhiteSpace(url)) continue;
            if (url.StartsWith('/')) return url;
            if (Uri.TryCreate(url, UriKind.Absolute, out var absolute)) return absolute.PathAndQuery;
        }
        return null;
    }
}
