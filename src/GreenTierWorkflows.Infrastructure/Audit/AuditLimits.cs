namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>The longest value each audit column keeps; longer values are cut with a trailing "…".</summary>
public static class AuditLimits
{
    public const int Action = 40;
    public const int ActorId = 64;
    public const int ActorName = 100;
    public const int ClientAddress = 64;
    public const int Target = 200;
    public const int Detail = 2000;

    /// <summary>
    /// The value as stored: tabs and line breaks become spaces, other control and format characters (NUL, bidi overrides,
    /// zero-width marks) become U+FFFD, so a record reads as what it is on the page and in the workbook (which cannot hold
    /// NUL); then the text is cut to <paramref name="max"/>.
    /// Null and blank stay null.
    /// </summary>
    public static string? Clean(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var chars = value.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '\t' or '\n' or '\r') { chars[i] = ' '; continue; }
            var category = char.GetUnicodeCategory(chars[i]);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format) chars[i] = '\uFFFD';
        }
        var text = new string(chars);
        if (text.Length <= max) return text;
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--; // never split a surrogate pair
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
