using GreenTierWorkflows.Domain.Calendar;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>
/// Which years' holiday arrangements the working-day calendar lacks when it matters: the current year always, and
/// the coming year from 1 November (the State Council publishes it in November, and a 公示 started in December runs
/// into January). Such a year counts Monday–Friday; the start-up log and the windows page say so.
/// </summary>
public static class HolidayArrangementCoverage
{
    /// <summary>The month from which the coming year's arrangement is expected.</summary>
    public const int ComingYearFromMonth = 11;

    /// <summary>The years, in order, whose arrangement is missing on <paramref name="today"/> (China time).</summary>
    public static IReadOnlyList<int> MissingYears(WorkingDayCalendar calendar, DateOnly today)
    {
        IEnumerable<int> needed = today.Month >= ComingYearFromMonth ? [today.Year, today.Year + 1] : [today.Year];
        return needed.Where(y => !calendar.Covers(y)).ToList();
    }

    /// <summary>The warning for officials, or null when every needed year is entered.</summary>
    public static string? Warning(WorkingDayCalendar calendar, TimeProvider clock)
    {
        var missing = MissingYears(calendar, ChinaTime.Today(clock));
        return missing.Count == 0 ? null : $"尚未录入 {string.Join("、", missing)} 年节假日安排，公示期按周一至周五计算";
    }
}
