using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Tests.Windows;

/// <summary>The year's windows come from configured defaults, on a real SQLite file; administrators' edits are kept.</summary>
public sealed class DeclarationWindowDefaultsTests : IAsyncLifetime
{
    private string _path = null!;
    private Func<GreenTierDbContext> _open = null!;

    public async Task InitializeAsync() => (_path, _open) = await SqliteTestDatabase.CreateAsync("gtw-windows");

    private GreenTierDbContext Db() => _open();

    [Fact]
    public async Task SeedAsync_CreatesTheCurrentYearsMissingWindows_InChinaTime_AndKeepsEditedOnes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 12, 31, 17, 0, 0, TimeSpan.Zero)); // already 2028 in Huangshan
        var defaults = new[]
        {
            new DeclarationWindowDefault { Type = NominationType.GreenFactory, Tier = Tier.Province, Opens = "06-11", Closes = "06-30 18:00", DistrictDeadline = "07-08" },
            new DeclarationWindowDefault { Type = NominationType.GreenPark, Tier = Tier.Province, ReminderOffsetsDays = [5], PublicNoticeWorkingDays = 7 },
        };
        await using (var db = Db())
        {
            db.DeclarationWindows.Add(new DeclarationWindow
            {
                Id = "edited", Year = 2028, Type = NominationType.GreenPark, Tier = Tier.Province, OpensAt = new(2028, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)),
                ClosesAt = new(2028, 5, 20, 0, 0, 0, TimeSpan.FromHours(8)), DistrictDeadline = new(2028, 5, 25, 0, 0, 0, TimeSpan.FromHours(8)),
            });
            await db.SaveChangesAsync();
            Assert.Equal(1, await DeclarationWindowDefaults.SeedAsync(db, defaults, clock));
            Assert.Equal(0, await DeclarationWindowDefaults.SeedAsync(db, defaults, clock));
        }

        await using var read = Db();
        var windows = await read.DeclarationWindows.AsNoTracking().ToListAsync();
        var factory = windows.Single(w => w.Type == NominationType.GreenFactory);
        Assert.Equal((2028, new DateTimeOffset(2028, 6, 11, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2028, 6, 30, 18, 0, 0, TimeSpan.FromHours(8))),
            (factory.Year, factory.OpensAt, factory.ClosesAt));
        Assert.Equal([7, 3, 1], factory.ReminderOffsetsDays);
        Assert.Equal(new DateTimeOffset(2028, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), windows.Single(w => w.Id == "edited").OpensAt);
        Assert.Equal(2, windows.Count);
    }

    public Task DisposeAsync()
    {
        SqliteTestDatabase.Delete(_path);
        return Task.CompletedTask;
    }
}
