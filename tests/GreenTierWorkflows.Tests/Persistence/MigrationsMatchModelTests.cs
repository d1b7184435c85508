using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Infrastructure.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// Each provider's migration set ends in a model snapshot equal to the model the code builds: a model change without
/// its migration (or a snapshot merged by hand from two branches and left inconsistent) would otherwise surface only
/// when the next migration is generated, carrying somebody else's change. No database is opened.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    public static TheoryData<string> Contexts() =>
        ["sqlite/domain", "sqlite/workflow", "postgresql/domain", "postgresql/workflow"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void LastMigrationSnapshot_EqualsTheModel(string which)
    {
        using DbContext db = which switch
        {
            "sqlite/domain" => Create(new GreenTierDbContextDesignTimeFactory()),
            "sqlite/workflow" => Create(new WorkflowDbContextDesignTimeFactory()),
            "postgresql/domain" => Create(new GreenTierDbContextPostgreSqlDesignTimeFactory()),
            "postgresql/workflow" => Create(new WorkflowDbContextPostgreSqlDesignTimeFactory()),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        Assert.True(!db.Database.HasPendingModelChanges(),
            $"{which}: the model differs from the last migration's snapshot; run `bash scripts/add-migration.sh …` (or regenerate the merged migration).");
    }

    private static TContext Create<TContext>(IDesignTimeDbContextFactory<TContext> factory) where TContext : DbContext => factory.CreateDbContext([]);
}
