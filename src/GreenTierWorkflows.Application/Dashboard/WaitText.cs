using System.Globalization;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>How a length of time reads (the dashboard, 为何停滞): days with one decimal, hours when shorter than a day, 「不足 1 小时」 below that.</summary>
public static class WaitText
{
    public static string Of(double? days) => days switch
    {
        null => "—",
        < 1.0 / 24 => "不足 1 小时",
        < 1 => $"{(days.Value * 24).ToString("0.#", CultureInfo.InvariantCulture)} 小时",
        _ => $"{days.Value.ToString("0.0", CultureInfo.InvariantCulture)} 天",
    };
}
