using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as text that sorts and compares by instant in SQLite, without losing the offset:
/// the UTC instant as a fixed-width ISO-8601 string (<c>2024-05-01T02:00:00.0000000Z</c>), followed by the original offset
/// only when it is not zero (<c>2024-05-01T02:00:00.0000000Z+08:00</c>). EF Core's default SQLite mapping keeps local
/// time plus offset, which neither orders by instant nor can be used in ORDER BY.
/// </summary>
public static class SortableDateTimeOffset
{
    private const int InstantLength = 28; // "yyyy-MM-ddTHH:mm:ss.fffffffZ"

    /// <summary>The stored text of <paramref name="value"/>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var instant = value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        if (value.Offset == TimeSpan.Zero) return instant;
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{instant}{sign}{offset.Hours:00}:{offset.Minutes:00}");
    }

    /// <summary>Reads text written by <see cref="Format"/> (or any ISO-8601 text with an offset).</summary>
    public static DateTimeOffset Parse(string text)
    {
        if (text.Length < InstantLength || text[InstantLength - 1] != 'Z')
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var utc = DateTime.ParseExact(text.AsSpan(0, InstantLength), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var value = new DateTimeOffset(utc, TimeSpan.Zero);
        if (text.Length == InstantLength) return value;
        var offset = TimeSpan.ParseExact(text.AsSpan(InstantLength + 1), @"hh\:mm", CultureInfo.InvariantCulture);
        return value.ToOffset(text[InstantLength] == '-' ? -offset : offset);
    }

    /// <summary>Nullable variant of <see cref="Format"/> for raw SQL parameters.</summary>
    public static object ToDbValue(DateTimeOffset? value) => value is { } v ? Format(v) : DBNull.Value;
}

/// <summary>EF Core converter applying <see cref="SortableDateTimeOffset"/> to every <see cref="DateTimeOffset"/> column.</summary>
public sealed class SortableDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, string>(
    v => SortableDateTimeOffset.Format(v), s => SortableDateTimeOffset.Parse(s));
