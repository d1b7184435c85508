using GreenTierWorkflows.Application.Windows;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Infrastructure.Calendar;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.Calendar;

/// <summary>The working-day calendar read from the repository's <c>calendars/</c>: the State Council's 2025 and 2026 arrangements.</summary>
public sealed class HolidayCalendarTests
{
    private static readonly string Calendars = Path.Combine(RepoPaths.Root, "calendars");
    private static readonly WorkingDayCalendar Shipped = HolidayCalendarFolder.Load(Calendars);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void FiveWorkingDaysFromMonday28September2026_SkipNationalDay_AndCountTheMakeUpSaturday()
    {
        var end = Shipped.AddWorkingDays(ChinaTime.At(D(2026, 9, 28), new TimeOnly(10, 0)), 5);
        Assert.Equal(ChinaTime.At(D(2026, 10, 10), new TimeOnly(23, 59, 59)), end); // 9/29, 9/30, 10/8, 10/9, 10/10 (调休周六)
        for (var d = D(2026, 10, 1); d <= D(2026, 10, 7); d = d.AddDays(1)) Assert.False(Shipped.IsWorkingDay(d), $"{d} 是国庆假期");
        Assert.True(Shipped.IsWorkingDay(D(2026, 10, 10)));
        Assert.True(Shipped.IsWorkingDay(D(2026, 9, 20)));
    }

    [Fact]
    public void APublicNoticeStarted12February2026_SpansTheSpringFestival()
    {
        // 2/13 (五), 2/14 (调休周六), then 春节 2/15–2/23, then 2/24, 2/25, 2/26.
        var end = Shipped.AddWorkingDays(ChinaTime.At(D(2026, 2, 12), new TimeOnly(9, 0)), 5);
        Assert.Equal(D(2026, 2, 26), ChinaTime.DayOf(end));
        Assert.Equal(D(2026, 2, 18), ChinaTime.DayOf(new WorkingDayCalendar().AddWorkingDays(ChinaTime.At(D(2026, 2, 12), new TimeOnly(9, 0)), 4))); // Monday–Friday only: ends in the holiday
    }

    [Fact]
    public void ShippedArrangements_AreThePublishedNotices()
    {
        Assert.Equal([2025, 2026], Shipped.Years.ToList());
        int Holidays(int year) => Enumerable.Range(0, 366).Select(i => D(year, 1, 1).AddDays(i)).Count(d => d.Year == year && !Shipped.IsWorkingDay(d) && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        // Weekdays off: 2025 元旦1 春节6 清明1 劳动3 端午1 国庆中秋6 = 18; 2026 元旦2 春节6 清明1 劳动3 端午1 中秋1 国庆5 = 19.
        Assert.Equal(18, Holidays(2025));
        Assert.Equal(19, Holidays(2026));
        DateOnly[] makeUp = [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11),
            D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)];
        foreach (var d in makeUp)
        {
            Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} 调休上班日应为周末");
            Assert.True(Shipped.IsWorkingDay(d), $"{d} 是调休上班日");
        }
        Assert.False(Shipped.IsWorkingDay(D(2025, 10, 8)));
        Assert.False(Shipped.IsWorkingDay(D(2026, 2, 23)));
        foreach (var file in Directory.GetFiles(Calendars, "*.json"))
            Assert.Contains("国办发明电〔", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("""{ "year": 2026, "source": "x", "holidays": [ { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07", "workdays": ["2026-10-09"] } ] }""", "第 1 项「国庆节」: 调休上班日 2026-10-09 是周五，应为周六或周日")]
    [InlineData("""{ "year": 2026, "source": "x", "holidays": [ { "name": "春节", "from": "2026-02-23", "to": "2026-02-15", "workdays": [] } ] }""", "第 1 项「春节」: 放假结束日 2026-02-15 早于开始日 2026-02-23")]
    [InlineData("""{ "year": 2026, "source": "x", "holidays": [ { "name": "中秋节", "from": "2026-09-25", "to": "2026-10-02" }, { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07" } ] }""", "第 2 项「国庆节」: 2026-10-01 已是「中秋节」的放假日")]
    [InlineData("""{ "year": 2026, "source": "x", "holidays": [ { "name": "元旦", "from": "2026-13-01", "to": "2026-01-03" } ] }""", "2026.json: 第 1 行")]
    [InlineData("""{ "year": 2027, "source": "x", "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-01" } ] }""", "2026.json: 文件名应为年份 2027.json")]
    public void ABrokenFile_IsRefused_NamingFileAndEntry(string json, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("gtw-calendars-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "2026.json"), json);
            var ex = Assert.Throws<HolidayCalendarException>(() => HolidayCalendarFolder.Load(dir));
            Assert.Contains(expected, ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AMissingYear_CountsMondayToFriday_AndIsReportedFromNovember()
    {
        Assert.True(Shipped.IsWorkingDay(D(2027, 10, 1))); // no 2027 arrangement: a Friday is a working day
        Assert.Empty(HolidayArrangementCoverage.MissingYears(Shipped, D(2026, 10, 31)));
        Assert.Equal([2027], HolidayArrangementCoverage.MissingYears(Shipped, D(2026, 12, 3)));
        Assert.Equal("尚未录入 2027 年节假日安排，公示期按周一至周五计算",
            HolidayArrangementCoverage.Warning(Shipped, new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero))));
        Assert.Equal([2027, 2028], HolidayArrangementCoverage.MissingYears(Shipped, D(2027, 11, 1)));
    }
}
