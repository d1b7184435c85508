using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Registry;

/// <summary>
/// The jurisdiction rule (<see cref="JurisdictionScope"/>) on a real SQLite file: the SQL filter and the in-memory check
/// agree for city-wide officials, district officials and a district official bound to no unit.
/// </summary>
public sealed class JurisdictionScopeTests : IDisposable
{
    private const string Tunxi = "341002";
    private const string Shexian = "341021";
    private readonly string _path = Path.Combine(Path.GetTempPath(), "gtw-scope-" + Guid.NewGuid().ToString("N") + ".db");

    private static readonly Official City = new("c", "city", "市级评审", [Roles.CityReviewer], null);
    private static readonly Official ShexianOfficial = new("s", "shexian", "歙县", [Roles.District], Shexian);
    private static readonly Official Unbound = new("u", "unbound", "未绑定区县", [Roles.District], null);

    private GreenTierDbContext Db()
    {
        var db = new GreenTierDbContext(new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite($"Data Source={_path}").Options);
        db.Database.Migrate();
        return db;
    }

    private async Task SeedAsync()
    {
        await using var db = Db();
        foreach (var (id, district) in new[] { ("e1", Tunxi), ("e2", Shexian), ("e3", Shexian) })
        {
            db.Enterprises.Add(new Enterprise { Id = id, CreditCode = "code-" + id, Name = id, DistrictCode = district, IndustryCode = "C1530" });
            db.Nominations.Add(new Nomination { Id = "n-" + id, DistrictCode = district, EnterpriseId = id, ApplicantName = id, Year = 2026 });
        }
        await db.SaveChangesAsync();
    }

    public static TheoryData<string, string[]> Officials => new()
    {
        { "city", ["e1", "e2", "e3"] },
        { "shexian", ["e2", "e3"] },
        { "unbound", [] },
    };

    private static Official Named(string name) => name switch { "city" => City, "shexian" => ShexianOfficial, _ => Unbound };

    [Theory]
    [MemberData(nameof(Officials))]
    public async Task VisibleTo_FiltersInSql_AndAgreesWithCanSeeDistrict(string name, string[] expected)
    {
        await SeedAsync();
        var who = Named(name);
        await using var db = Db();

        var enterprises = await db.Enterprises.AsNoTracking().VisibleTo(who).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var nominations = await db.Nominations.AsNoTracking().VisibleTo(who).OrderBy(n => n.Id).Select(n => n.EnterpriseId!).ToListAsync();
        var everything = await db.Enterprises.AsNoTracking().OrderBy(e => e.Id).ToListAsync();

        Assert.Equal(expected, enterprises);
        Assert.Equal(expected, nominations);
        Assert.Equal(expected, everything.Where(who.CanSee).Select(e => e.Id));
        Assert.Equal(expected, everything.VisibleTo(who, e => e.DistrictCode).Select(e => e.Id));
    }

    [Fact]
    public void CanSeeDistrict_IsFalseEverywhere_ForADistrictOfficialWithoutAUnit()
    {
        Assert.All(new[] { Tunxi, Shexian, "", "341000" }, code => Assert.False(Unbound.CanSeeDistrict(code)));
        Assert.True(City.CanSeeDistrict(Tunxi));
        Assert.False(ShexianOfficial.CanSeeDistrict(Tunxi));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
