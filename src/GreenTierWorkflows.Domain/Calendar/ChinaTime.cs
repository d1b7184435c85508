using System.Globalization;

namespace GreenTierWorkflows.Domain.Calendar;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving), the only clock officials read: every date shown, every "today" and
/// "this year", and every day boundary of a filter or a deadline goes through here. Instants stay UTC in storage.
/// </summary>
public static class ChinaTime
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The IANA zone id, for clocks outside .NET (the browser runtime of Elsa Studio).</summary>
    public const string ZoneId = "Asia/Shanghai";

    /// <summary>How a page names the clock its times are in.</summary>
    public const string ZoneLabel = "北京时间（UTC+8）";

    /// <summary>The instant as a China wall-clock time.</summary>
    public static DateTimeOffset Of(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>The China calendar day the instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(Of(at).DateTime);

    /// <summary>Today in China.</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The current year in China (1 January begins at 16:00 UTC on 31 December).</summary>
    public static int CurrentYear(TimeProvider clock) => Of(clock.GetUtcNow()).Year;

    /// <summary>The instant a China wall-clock time names.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), Offset);

    /// <summary>The instant a China calendar day begins (00:00 CST).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>yyyy-MM-dd HH:mm in China time, as pages, notices and audit details show it.</summary>
    public static string Minute(DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm");

    /// <summary>yyyy-MM-dd HH:mm:ss in China time (the security audit).</summary>
    public static string Second(DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm:ss");

    /// <summary>yyyy-MM-dd in China time.</summary>
    public static string Day(DateTimeOffset at) => Format(at, "yyyy-MM-dd");

    /// <summary>The instant in China time with a custom format (invariant culture), e.g. a file-name stamp.</summary>
    public static string Format(DateTimeOffset at, string format) => Of(at).ToString(format, CultureInfo.InvariantCulture);
}
