using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Demo mode: a declaration window per type and tier for the current year, open all year, so a newcomer can walk a nomination.</summary>
public static class DemoWindowSeeder
{
    public static Task SeedAsync(GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        DeclarationWindowDefaults.SeedAsync(db,
            from type in Enum.GetValues<GreenTierWorkflows.Domain.Nominations.NominationType>()
            from tier in Enum.GetValues<GreenTierWorkflows.Domain.Nominations.Tier>()
            select new DeclarationWindowDefault { Type = type, Tier = tier, Opens = "01-01", Closes = "12-31 23:59", DistrictDeadline = "12-31 23:59" },
            clock, ct);
}
