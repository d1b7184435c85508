using System.Globalization;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Windows;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>
/// Creates the current year's windows from the configured defaults when none exists yet for a type and tier. Existing
/// windows (edited by administrators) are never changed.
/// </summary>
public static class DeclarationWindowDefaults
{
    public static async Task<int> SeedAsync(GreenTierDbContext db, IEnumerable<DeclarationWindowDefault> defaults, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var year = ChinaTime.Of(now).Year;
        // One query for the year's windows (start-up runs this on every start; issue 20), not one per default.
        var existing = (await db.DeclarationWindows.Where(w => w.Year == year).Select(w => new { w.Type, w.Tier }).ToListAsync(ct))
            .Select(w => (w.Type, w.Tier)).ToHashSet();
        var created = 0;
        foreach (var d in defaults)
        {
            if (!existing.Add((d.Type, d.Tier))) continue;
            db.DeclarationWindows.Add(Project(d, year, now));
            created++;
        }
        if (created > 0) await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>The window a default gives for a year (not stored).</summary>
    public static DeclarationWindow Project(DeclarationWindowDefault d, int year, DateTimeOffset now) => new()
    {
        Id = $"{year}-{d.Type}-{d.Tier}".ToLowerInvariant(), Year = year, Type = d.Type, Tier = d.Tier,
        OpensAt = At(year, d.Opens), ClosesAt = At(year, d.Closes), DistrictDeadline = At(year, d.DistrictDeadline),
        ReminderOffsetsDays = [.. d.ReminderOffsetsDays], PublicNoticeWorkingDays = d.PublicNoticeWorkingDays, UpdatedAt = now,
    };

    private static DateTimeOffset At(int year, string monthDay)
    {
        var formats = new[] { "MM-dd", "MM-dd HH:mm" };
        var parsed = DateTime.ParseExact($"{monthDay}", formats, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return ChinaTime.At(new DateOnly(year, parsed.Month, parsed.Day), new TimeOnly(parsed.Hour, parsed.Minute));
    }
}
