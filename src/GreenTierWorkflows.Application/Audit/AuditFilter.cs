using System.Globalization;
using System.Text;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Calendar;

namespace GreenTierWorkflows.Application.Audit;

/// <summary>
/// What the administrators filter the security audit by (all optional): a range of days in China time (both ends
/// included), the action, the account name, the client address (both exact) and the result. The same query string
/// (<c>from=2026-06-01&amp;to=2026-06-30&amp;action=TaskDecided&amp;actor=city&amp;address=10.0.0.8&amp;succeeded=false</c>)
/// drives the page, <c>GET /api/audit</c> and the .xlsx export.
/// </summary>
public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? Action = null, string? Actor = null,
    string? Address = null, bool? Succeeded = null)
{
    public static AuditFilter None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>The query-string keys, in the order <see cref="ToQueryString"/> writes them.</summary>
    public static readonly string[] Keys = ["from", "to", "action", "actor", "address", "succeeded"];

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (From is { } from)
        {
            var start = ChinaTime.StartOf(from).ToUniversalTime();
            entries = entries.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1)).ToUniversalTime();
            entries = entries.Where(e => e.At < end);
        }
        if (Action is { } action) entries = entries.Where(e => e.Action == action);
        if (Actor is { } actor) entries = entries.Where(e => e.ActorName == actor);
        if (Address is { } address) entries = entries.Where(e => e.ClientAddress == address);
        if (Succeeded is { } succeeded) entries = entries.Where(e => e.Succeeded == succeeded);
        return entries;
    }

    /// <summary>
    /// Reads the filter from query values (<paramref name="value"/> gives the value of a key, or null). Values that do not
    /// parse are left out of the filter and reported by key, in Chinese.
    /// </summary>
    public static AuditFilter Parse(Func<string, string?> value, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>();
        string? Text(string key) => value(key) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        DateOnly? Day(string key, string label)
        {
            if (Text(key) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            found[key] = [$"{label}应为 yyyy-MM-dd 格式的日期（北京时间）。"];
            return null;
        }
        var from = Day("from", "起始日期");
        var to = Day("to", "截止日期");
        if (from is { } f && to is { } t && t < f) found["to"] = ["截止日期不能早于起始日期。"];
        var action = Text("action");
        if (action is not null && !AuditActions.All.Contains(action, StringComparer.Ordinal))
        {
            found["action"] = [$"没有名为「{action}」的审计操作。"];
            action = null;
        }
        bool? succeeded = Text("succeeded")?.ToLowerInvariant() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Invalid("succeeded", "结果应为 true（成功）或 false（失败）。"),
        };
        errors = found;
        return new AuditFilter(from, found.ContainsKey("to") ? null : to, action, Text("actor"), Text("address"), succeeded);

        bool? Invalid(string key, string message)
        {
            found[key] = [message];
            return null;
        }
    }

    /// <summary>The filter as a query string without the leading "?" (empty when nothing is set); <paramref name="page"/> (0-based) is added when above 0.</summary>
    public string ToQueryString(int page = 0)
    {
        var parts = new StringBuilder();
        void Add(string key, string? v)
        {
            if (v is null) return;
            if (parts.Length > 0) parts.Append('&');
            parts.Append(key).Append('=').Append(Uri.EscapeDataString(v));
        }
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("action", Action);
        Add("actor", Actor);
        Add("address", Address);
        Add("succeeded", Succeeded switch { true => "true", false => "false", null => null });
        if (page > 0) Add("page", (page + 1).ToString(CultureInfo.InvariantCulture));
        return parts.ToString();
    }
}
