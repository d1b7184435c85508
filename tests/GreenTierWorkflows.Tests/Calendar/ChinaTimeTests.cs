using GreenTierWorkflows.Application.Audit;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Infrastructure.Audit;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.Calendar;

/// <summary>China time (UTC+8) in one place: "today", "this year", day boundaries and the formats officials read.</summary>
public sealed class ChinaTimeTests
{
    [Fact]
    public void CurrentYearAndToday_TurnAt1600Utc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 12, 31, 15, 59, 59, TimeSpan.Zero));
        Assert.Equal((2027, new DateOnly(2027, 12, 31)), (ChinaTime.CurrentYear(clock), ChinaTime.Today(clock)));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((2028, new DateOnly(2028, 1, 1)), (ChinaTime.CurrentYear(clock), ChinaTime.Today(clock)));
    }

    [Fact]
    public void Formats_ShowTheChinaWallClock_WhateverTheStoredOffset()
    {
        var utc = new DateTimeOffset(2026, 6, 30, 16, 30, 5, TimeSpan.Zero);
        Assert.Equal("2026-07-01 00:30", ChinaTime.Minute(utc));
        Assert.Equal("2026-07-01 00:30:05", ChinaTime.Second(utc));
        Assert.Equal("2026-07-01", ChinaTime.Day(utc));
        Assert.Equal("2026-07-01 00:30", ChinaTime.Minute(utc.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal(new DateOnly(2026, 7, 1), ChinaTime.DayOf(utc));
    }

    [Fact]
    public void StartOf_IsMidnightInChina_AndTheAuditFilterUsesIt()
    {
        var start = ChinaTime.StartOf(new DateOnly(2026, 6, 1));
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 16, 0, 0, TimeSpan.Zero), start.ToUniversalTime());

        var entries = new[]
        {
            new Domain.Audit.AuditEntry { At = new DateTimeOffset(2026, 5, 31, 15, 59, 59, TimeSpan.Zero) },
            new Domain.Audit.AuditEntry { At = new DateTimeOffset(2026, 5, 31, 16, 0, 0, TimeSpan.Zero) },
            new Domain.Audit.AuditEntry { At = new DateTimeOffset(2026, 6, 1, 15, 59, 59, TimeSpan.Zero) },
            new Domain.Audit.AuditEntry { At = new DateTimeOffset(2026, 6, 1, 16, 0, 0, TimeSpan.Zero) },
        };
        var day = new DateOnly(2026, 6, 1);
        var picked = new AuditFilter(day, day).Apply(entries.AsQueryable()).ToList();
        Assert.Equal([entries[1], entries[2]], picked);
    }

    [Fact]
    public void WorkingDayCalendar_EndsAPeriodAtTheEndOfAChinaDay()
    {
        // Friday 2026-06-05 20:00 UTC is already Saturday in China: three working days run Mon–Wed.
        var end = new WorkingDayCalendar().AddWorkingDays(new DateTimeOffset(2026, 6, 5, 20, 0, 0, TimeSpan.Zero), 3);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 23, 59, 59, ChinaTime.Offset), end);
        Assert.Equal(ChinaTime.Offset, end.Offset);
    }
}
