using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GreenTierWorkflows.Infrastructure.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --project src/GreenTierWorkflows.Infrastructure.PostgreSql --startup-project
/// src/GreenTierWorkflows.Infrastructure.PostgreSql</c> build the PostgreSQL models; no database is opened.
/// </summary>
internal static class DesignTimeDatabase
{
    public static readonly AppDatabase Instance = AppDatabase.PostgreSql("Host=127.0.0.1;Database=greentier_design");
}

public sealed class WorkflowDbContextPostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        WorkflowDbContext.Configure(builder, DesignTimeDatabase.Instance);
        return new WorkflowDbContext(builder.Options);
    }
}

public sealed class GreenTierDbContextPostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<GreenTierDbContext>
{
    public GreenTierDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GreenTierDbContext>();
        DesignTimeDatabase.Instance.Configure(builder);
        return new GreenTierDbContext(builder.Options);
    }
}
