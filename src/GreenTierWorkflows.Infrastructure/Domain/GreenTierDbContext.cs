using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// The bureau's data: accounts (ASP.NET Core Identity), units, enterprises and parks, cultivation pools, nominations with
/// materials and history, review tasks, listings, declaration windows, the notice outbox and the security audit, in the app's database
/// (the workflow store lives beside it). Entity configurations are the <c>IEntityTypeConfiguration</c> classes of this namespace.
/// </summary>
public sealed class GreenTierDbContext(DbContextOptions<GreenTierDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys (cookies, bearer tokens, antiforgery): shared by every app node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<IndustrialPark> Parks => Set<IndustrialPark>();
    public DbSet<PoolMembership> PoolMemberships => Set<PoolMembership>();
    public DbSet<GapFollowUp> GapFollowUps => Set<GapFollowUp>();
    public DbSet<MemberStanding> MemberStandings => Set<MemberStanding>();
    public DbSet<MemberStandingInvalidation> MemberStandingInvalidations => Set<MemberStandingInvalidation>();
    public DbSet<MemberStandingGeneration> MemberStandingGenerations => Set<MemberStandingGeneration>();
    public DbSet<Nomination> Nominations => Set<Nomination>();
    public DbSet<Material> Materials => Set<Material>();
    public DbSet<MaterialContent> MaterialContents => Set<MaterialContent>();
    public DbSet<NominationEvent> NominationEvents => Set<NominationEvent>();
    /// <summary>The dashboard's projection of the history: one row per stay of a nomination in a stage.</summary>
    public DbSet<NominationStageStay> NominationStageStays => Set<NominationStageStay>();
    /// <summary>The dashboard's counts, kept by every save as rows of changes (see <see cref="DashboardCount"/>).</summary>
    public DbSet<DashboardCount> DashboardCounts => Set<DashboardCount>();
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<DeclarationWindow> DeclarationWindows => Set<DeclarationWindow>();
    public DbSet<OutboxNotice> OutboxNotices => Set<OutboxNotice>();
    /// <summary>消息中心: each notice to an account, as the official reads it in the app.</summary>
    public DbSet<OfficialMessage> OfficialMessages => Set<OfficialMessage>();
    public DbSet<EffectCursor> EffectCursors => Set<EffectCursor>();
    /// <summary>Archived versions of generated documents (申报书, 推荐文件, 公示 …) with their stamped scans.</summary>
    public DbSet<GreenTierWorkflows.Domain.Documents.GeneratedDocument> GeneratedDocuments => Set<GreenTierWorkflows.Domain.Documents.GeneratedDocument>();
    /// <summary>The security audit (安全审计): appended by <see cref="Audit.EfAuditLog"/>, never changed.</summary>
    public DbSet<GreenTierWorkflows.Domain.Audit.AuditEntry> AuditEntries => Set<GreenTierWorkflows.Domain.Audit.AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SortableDateTimeOffsetConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<AppUser>().Property(u => u.Jurisdiction).HasMaxLength(20);
        builder.Entity<AppUser>().HasIndex(u => u.Jurisdiction);
        builder.ApplyConfigurationsFromAssembly(typeof(GreenTierDbContext).Assembly,
            t => t.Namespace?.StartsWith("GreenTierWorkflows.Infrastructure.Domain", StringComparison.Ordinal) == true
                 || t.Namespace?.StartsWith("GreenTierWorkflows.Infrastructure.Notifications", StringComparison.Ordinal) == true
                 || t.Namespace?.StartsWith("GreenTierWorkflows.Infrastructure.Scheduling", StringComparison.Ordinal) == true);
    }
}

/// <summary>How far the application has applied the workflow effects (one row per consumer).</summary>
public sealed class EffectCursor
{
    public string Consumer { get; set; } = "";
    public long Sequence { get; set; }
}

/// <summary>Lets <c>dotnet ef</c> create migrations without starting the app.</summary>
public sealed class GreenTierDbContextDesignTimeFactory : IDesignTimeDbContextFactory<GreenTierDbContext>
{
    public GreenTierDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite("Data Source=design.db").Options);
}
