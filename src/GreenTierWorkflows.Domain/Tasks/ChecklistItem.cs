using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Domain.Tasks;

/// <summary>
/// One item of an on-site verification checklist (核查表), as the workflow defines it on its <c>GreenTier.ReviewTask</c>
/// step: a code, the Chinese text the verifier checks, and whether it must be answered before 通过.
/// </summary>
public sealed record ChecklistItem(string Code, string Text, bool Required)
{
    /// <summary>
    /// The items of a checklist written as a JSON array (<c>[{"code":"JC-01","text":"…","required":true}]</c>), as Studio's
    /// JSON editor keeps it. Items without a code or text are left out; a code given twice counts once (the first).
    /// </summary>
    /// <exception cref="FormatException">The text is not a JSON array.</exception>
    public static IReadOnlyList<ChecklistItem> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"核查表不是合法的 JSON：{e.Message}", e);
        }
        if (node is not JsonArray items) throw new FormatException("核查表应为 JSON 数组：[{\"code\":\"…\",\"text\":\"…\",\"required\":true}]。");
        var parsed = new List<ChecklistItem>();
        foreach (var item in items.OfType<JsonObject>())
        {
            var code = ReadText(item, "code");
            var text = ReadText(item, "text");
            if (code is null || text is null || parsed.Any(p => p.Code == code)) continue;
            var required = item["required"] is JsonValue r && (r.TryGetValue<bool>(out var b) ? b : r.TryGetValue<string>(out var s) && bool.TryParse(s, out var p) && p);
            parsed.Add(new ChecklistItem(code, text, required));
        }
        return parsed;
    }

    private static string? ReadText(JsonObject item, string name) =>
        item[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
