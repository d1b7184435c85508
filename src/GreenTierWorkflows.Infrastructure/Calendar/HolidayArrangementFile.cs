namespace GreenTierWorkflows.Infrastructure.Calendar;

/// <summary>One year's <c>calendars/YYYY.json</c>: the State Council's notice and its holidays.</summary>
public sealed record HolidayArrangementFile(int Year, string? Source, IReadOnlyList<HolidayEntry>? Holidays);

/// <summary>A holiday: 放假 from <see cref="From"/> to <see cref="To"/> (both included) and its 调休上班 weekend days.</summary>
public sealed record HolidayEntry(string? Name, DateOnly From, DateOnly To, IReadOnlyList<DateOnly>? Workdays);
