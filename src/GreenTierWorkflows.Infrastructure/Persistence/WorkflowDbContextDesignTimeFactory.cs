using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model (for <c>migrations add</c>); the file is only opened by <c>database update</c>.</summary>
public sealed class WorkflowDbContextDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        WorkflowDbContext.ConfigureSqlite(builder, EfWorkflowStore.SqliteConnectionString(args.FirstOrDefault() ?? "workflows.design.db"));
        return new WorkflowDbContext(builder.Options);
    }
}
