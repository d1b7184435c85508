namespace GreenTierWorkflows.Domain.Calendar;

/// <summary>
/// The years the bureau's work is filed under: green-manufacturing lists began in <see cref="First"/> (2016), and a
/// year's work may be prepared up to next year (China time), so pools, windows and filters offer First to <see cref="Last"/>.
/// </summary>
public static class ListYears
{
    public const int First = 2016;

    /// <summary>Next year in China.</summary>
    public static int Last(TimeProvider clock) => ChinaTime.CurrentYear(clock) + 1;
}
