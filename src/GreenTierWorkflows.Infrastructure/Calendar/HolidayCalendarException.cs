namespace GreenTierWorkflows.Infrastructure.Calendar;

/// <summary>A holiday arrangement file that cannot be read or is inconsistent; the message names the file and the entry.</summary>
public sealed class HolidayCalendarException(string message) : Exception(message);
