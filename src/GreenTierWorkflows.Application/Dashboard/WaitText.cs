using System.Globalization;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>How a length of time reads on the dashboard: days with one decimal, or hours when shorter than a day.</summary>
public static class WaitText
{
    public static string Of(double? days) => days switch
    {
        null => "—",
        < 1 => $"{(days.Value * 24).ToString("0.#", CultureInfo.InvariantCulture)} 小时",
        _ => $"{days.Value.ToString("0.0", CultureInfo.InvariantCulture)} 天",
    };
}
