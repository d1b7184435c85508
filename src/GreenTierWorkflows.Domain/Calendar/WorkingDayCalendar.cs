namespace GreenTierWorkflows.Domain.Calendar;

/// <summary>
/// Working days in China Standard Time: Monday–Friday, minus configured public holidays, plus configured make-up
/// working weekends (调休). The holiday lists are data because the State Council publishes them each year; a year
/// not in <see cref="Years"/> counts Monday–Friday only.
/// </summary>
public sealed class WorkingDayCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<DateOnly>? workingWeekends = null, IEnumerable<int>? years = null)
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays ?? []];
    private readonly HashSet<DateOnly> _workingWeekends = [.. workingWeekends ?? []];

    /// <summary>The years whose holiday arrangement was entered.</summary>
    public IReadOnlySet<int> Years { get; } = new SortedSet<int>(years ?? []);

    /// <summary>Whether the holiday arrangement of <paramref name="year"/> was entered.</summary>
    public bool Covers(int year) => Years.Contains(year);

    public bool IsWorkingDay(DateOnly day) =>
        _workingWeekends.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>The end of a period of <paramref name="days"/> working days starting the day after <paramref name="start"/> (end of that day, CST).</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var day = ChinaTime.DayOf(start);
        var counted = 0;
        while (counted < days)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return ChinaTime.At(day, new TimeOnly(23, 59, 59));
    }
}
