using System.Text;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>
/// Keeps what one journal entry stores under <see cref="WorkflowLimits.MaxJournalEntryBytes"/>: a value that does not
/// fit the bytes left is replaced by the start of its text and a marker naming its original length in UTF-8 bytes.
/// </summary>
internal static class JournalValueLimiter
{
    /// <summary>The marker that ends a cut value.</summary>
    public static string Marker(long originalBytes) => $"…（已截断，原长 {originalBytes} 字节）";

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxBytes"/> UTF-8 bytes and marks it; no limit when <paramref name="maxBytes"/> is zero.</summary>
    public static string? Limit(string? text, int maxBytes)
    {
        if (text is null || maxBytes <= 0) return text;
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes <= maxBytes ? text : Cut(text, maxBytes, bytes);
    }

    /// <summary>
    /// Limits one input value against the entry's remaining budget (<paramref name="remaining"/> goes down by what is kept).
    /// Strings are measured as they are, objects and arrays by their JSON text.
    /// </summary>
    public static JsonNode? Limit(JsonNode? value, ref int remaining)
    {
        if (value is null) return null;
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var isContainer = value is JsonObject or JsonArray;
        if (text is null && !isContainer)
        {
            remaining -= 16; // numbers, booleans, dates: small and fixed
            return value;
        }
        text ??= value.ToJsonString();
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes <= remaining)
        {
            remaining -= bytes;
            return value;
        }
        var cut = Cut(text, Math.Max(remaining, 0), bytes);
        remaining = 0;
        return JsonValue.Create(cut);
    }

    private static string Cut(string text, int maxBytes, long originalBytes)
    {
        var kept = 0;
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (kept + rune.Utf8SequenceLength > maxBytes) break;
            kept += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return string.Concat(text.AsSpan(0, length), Marker(originalBytes));
    }
}
