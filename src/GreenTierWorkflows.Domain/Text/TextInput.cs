using System.Globalization;
using System.Text;

namespace GreenTierWorkflows.Domain.Text;

/// <summary>A free-text value as accepted: trimmed and NFC-normalised (null when empty), or a Chinese error for the field.</summary>
public readonly record struct TextCheck(string? Value, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The one rule for names, comments and other free text typed by officials: Unicode is normalised to NFC (so 「é」 typed
/// as e + U+0301 is stored as U+00E9 and compares equal), and a value with a control character (NUL, escape …), a
/// format character (zero-width space/joiner, right-to-left override and the other bidirectional controls, BOM, soft
/// hyphen), a Unicode line or paragraph separator or a lone surrogate is refused, naming the first such character. Multi-line text may keep line breaks and tabs.
/// </summary>
public static class TextInput
{
    /// <summary>Checks <paramref name="value"/>; <paramref name="label"/> names the field in the message (e.g. 企业名称).</summary>
    public static TextCheck Check(string? value, string label, bool multiLine = false)
    {
        if (value is null) return new TextCheck(null, null);
        if (FindInvisible(value, multiLine) is { } bad)
            return new TextCheck(null, $"{label}含有不可见或控制字符（U+{bad:X4}），请删除后重试。");
        var text = value.Normalize(NormalizationForm.FormC).Trim();
        return new TextCheck(text.Length == 0 ? null : text, null);
    }

    /// <summary>The first refused code point of <paramref name="value"/>, or null when there is none.</summary>
    public static int? FindInvisible(string value, bool multiLine = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var rune = char.ConvertToUtf32(c, value[i + 1]);
                if (CharUnicodeInfo.GetUnicodeCategory(rune) == UnicodeCategory.Format) return rune; // e.g. U+E0001 language tag
                i++;
                continue;
            }
            if (multiLine && c is '\n' or '\r' or '\t') continue;
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator) return c;
        }
        return null;
    }
}
