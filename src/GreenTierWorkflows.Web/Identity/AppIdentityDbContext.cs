using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>Accounts and roles (ASP.NET Core Identity on EF Core), in the app's SQLite database.</summary>
public sealed class AppIdentityDbContext(DbContextOptions<AppIdentityDbContext> options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<AppUser>().Property(u => u.Jurisdiction).HasMaxLength(20);
    }
}

/// <summary>Lets <c>dotnet ef</c> create migrations without starting the app.</summary>
public sealed class AppIdentityDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AppIdentityDbContext>
{
    public AppIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppIdentityDbContext>().UseSqlite("Data Source=design.db").Options);
}
