using System.Text.Json;
using GreenTierWorkflows.Domain.Calendar;

namespace GreenTierWorkflows.Infrastructure.Calendar;

/// <summary>
/// Reads the folder of yearly holiday arrangements (<c>calendars/YYYY.json</c>, one per year) into the one
/// <see cref="WorkingDayCalendar"/> of the app. Every file is checked: the year in the name, the dates in that year,
/// a holiday's days in order and not overlapping another's, each 调休上班 day a weekend near its holiday. The first
/// problems found are reported together, naming file and entry, in Chinese.
/// </summary>
public static class HolidayCalendarFolder
{
    /// <summary>The longest holiday the State Council has arranged is 9 days; more is a typing error.</summary>
    private const int LongestHoliday = 10;
    /// <summary>A make-up working day lies within two weeks of its holiday.</summary>
    private const int MakeUpDistance = 14;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads every <c>*.json</c> of <paramref name="directory"/>; a missing directory gives an empty calendar (Monday–Friday).</summary>
    public static WorkingDayCalendar Load(string directory)
    {
        var holidays = new List<DateOnly>();
        var workdays = new List<DateOnly>();
        var years = new List<int>();
        var problems = new List<string>();
        if (Directory.Exists(directory))
            foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var file = Path.GetFileName(path);
                var arrangement = Read(path, file, problems);
                if (arrangement is null) continue;
                var before = problems.Count;
                Check(file, arrangement, problems);
                if (problems.Count > before) continue;
                years.Add(arrangement.Year);
                foreach (var h in arrangement.Holidays!)
                {
                    for (var d = h.From; d <= h.To; d = d.AddDays(1)) holidays.Add(d);
                    workdays.AddRange(h.Workdays ?? []);
                }
            }
        if (problems.Count > 0)
            throw new HolidayCalendarException($"节假日安排文件有误 (holiday arrangements in {Path.GetFullPath(directory)} failed to load):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return new WorkingDayCalendar(holidays, workdays, years);
    }

    private static HolidayArrangementFile? Read(string path, string file, List<string> problems)
    {
        try
        {
            var arrangement = JsonSerializer.Deserialize<HolidayArrangementFile>(File.ReadAllText(path), Json);
            if (arrangement is null) problems.Add($"{file}: 文件为空。");
            return arrangement;
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $"第 {l + 1} 行" : "";
            problems.Add($"{file}: {line} 不是有效的节假日安排（日期写作 2026-10-01）：{ex.Message}");
            return null;
        }
    }

    private static void Check(string file, HolidayArrangementFile a, List<string> problems)
    {
        if (Path.GetFileNameWithoutExtension(file) != a.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            problems.Add($"{file}: 文件名应为年份 {a.Year}.json（year 为 {a.Year}）。");
        if (string.IsNullOrWhiteSpace(a.Source)) problems.Add($"{file}: 缺少 source（国务院办公厅通知名称与文号）。");
        if (a.Holidays is not { Count: > 0 })
        {
            problems.Add($"{file}: 缺少 holidays（放假安排）。");
            return;
        }
        var taken = new Dictionary<DateOnly, string>();
        for (var i = 0; i < a.Holidays.Count; i++)
        {
            var h = a.Holidays[i];
            var entry = $"{file}: 第 {i + 1} 项「{h.Name}」";
            if (string.IsNullOrWhiteSpace(h.Name)) problems.Add($"{file}: 第 {i + 1} 项缺少节日名称 name。");
            if (h.From.Year != a.Year || h.To.Year != a.Year) problems.Add($"{entry}: 放假日期 {h.From:yyyy-MM-dd}–{h.To:yyyy-MM-dd} 不在 {a.Year} 年内。");
            if (h.To < h.From) problems.Add($"{entry}: 放假结束日 {h.To:yyyy-MM-dd} 早于开始日 {h.From:yyyy-MM-dd}。");
            else if (h.To.DayNumber - h.From.DayNumber + 1 > LongestHoliday) problems.Add($"{entry}: 放假 {h.To.DayNumber - h.From.DayNumber + 1} 天，超过 {LongestHoliday} 天，请核对日期。");
            else
                for (var d = h.From; d <= h.To; d = d.AddDays(1))
                    if (!taken.TryAdd(d, h.Name ?? "")) problems.Add($"{entry}: {d:yyyy-MM-dd} 已是「{taken[d]}」的放假日。");
            foreach (var w in h.Workdays ?? [])
            {
                if (w.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    problems.Add($"{entry}: 调休上班日 {w:yyyy-MM-dd} 是{Weekday(w)}，应为周六或周日。");
                if (w >= h.From && w <= h.To) problems.Add($"{entry}: 调休上班日 {w:yyyy-MM-dd} 在放假期间内。");
                else if (Math.Min(Math.Abs(w.DayNumber - h.From.DayNumber), Math.Abs(w.DayNumber - h.To.DayNumber)) > MakeUpDistance)
                    problems.Add($"{entry}: 调休上班日 {w:yyyy-MM-dd} 距放假超过 {MakeUpDistance} 天，请核对日期。");
            }
        }
    }

    private static string Weekday(DateOnly d) => "周" + "日一二三四五六"[(int)d.DayOfWeek];
}
