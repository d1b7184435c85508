using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>EF Core model of the workflow store: definitions, instances, bookmarks, journal, triggers and application effects.</summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<WorkflowDefinitionRow> WorkflowDefinitions => Set<WorkflowDefinitionRow>();
    public DbSet<WorkflowInstanceRow> WorkflowInstances => Set<WorkflowInstanceRow>();
    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    public DbSet<JournalEntryRow> JournalEntries => Set<JournalEntryRow>();
    public DbSet<TriggerRow> Triggers => Set<TriggerRow>();
    public DbSet<WorkflowEffectRow> WorkflowEffects => Set<WorkflowEffectRow>();

    /// <summary>Configures <paramref name="builder"/> for <paramref name="database"/>, without tracking (the store reads rows and maps them).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, AppDatabase database) =>
        database.Configure(builder).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    /// <summary>Configures <paramref name="builder"/> for a SQLite database: no tracking, WAL-friendly connection setup.</summary>
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        Configure(builder, new AppDatabase(DatabaseProvider.Sqlite, connectionString));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Also applies to DateTimeOffset? properties.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SortableDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowDefinitionRow>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            e.HasIndex(d => new { d.DefinitionId, d.IsLatest });
            e.HasIndex(d => new { d.DefinitionId, d.IsPublished });
            e.HasIndex(d => d.Name);
        });

        modelBuilder.Entity<WorkflowInstanceRow>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(i => i.Id);
            e.Property(i => i.Status).HasConversion<string>();
            e.Property(i => i.SubStatus).HasConversion<string>();
            e.Property(i => i.Stamp).IsConcurrencyToken();
            e.HasIndex(i => i.DefinitionId);
            // Most instances start without a correlation id: the filter keeps those commits off this index.
            e.HasIndex(i => i.CorrelationId).HasFilter("\"CorrelationId\" IS NOT NULL");
            // Status filters ride on the CreatedAt order (instance lists are newest first); no index of their own, so a
            // step that changes status writes one page less.
            e.HasIndex(i => i.CreatedAt);
        });

        modelBuilder.Entity<BookmarkRow>(e =>
        {
            e.ToTable("Bookmarks");
            e.HasKey(b => b.Id);
            // Stimulus lookups only ever want active bookmarks. A partial index drops a bookmark when it is consumed (one
            // page), where an index on (Hash, ConsumedAt) moved its entry (two pages or more per resume).
            e.HasIndex(b => b.Hash).HasFilter("\"ConsumedAt\" IS NULL");
            e.HasIndex(b => b.WorkflowInstanceId);
            e.HasIndex(b => b.DueAt).HasFilter("\"DueAt\" IS NOT NULL AND \"ConsumedAt\" IS NULL");
        });

        modelBuilder.Entity<JournalEntryRow>(e =>
        {
            e.ToTable("JournalEntries");
            e.HasKey(j => j.Id);
            // A plain rowid alias, assigned by SQLite (increasing) when the commit path inserts a line without an Id. Not
            // AUTOINCREMENT: that costs an extra sqlite_sequence page write per commit. (ValueGeneratedNever because EF Core's
            // model snapshot does not record a "None" SQLite value generation strategy.)
            e.Property(j => j.Id).ValueGeneratedNever();
            // PostgreSQL has no rowid: the same insert without an Id takes the next value of an identity column.
            if (Database.IsNpgsql()) e.Property(j => j.Id).UseIdentityByDefaultColumn();
            e.HasIndex(j => new { j.WorkflowInstanceId, j.Sequence });
        });

        modelBuilder.Entity<WorkflowEffectRow>(e =>
        {
            e.ToTable("WorkflowEffects");
            e.HasKey(x => x.Sequence);
            // A rowid alias assigned on insert: commit order. Readers page by it, so no other index is needed.
            e.Property(x => x.Sequence).ValueGeneratedNever();
            // On PostgreSQL an identity column; the commit path takes an advisory lock first, so the values are assigned in
            // commit order there too (a reader paging by Sequence never skips a later-committed lower value).
            if (Database.IsNpgsql()) e.Property(x => x.Sequence).UseIdentityByDefaultColumn();
            e.Property(x => x.Id).IsRequired();
        });

        modelBuilder.Entity<TriggerRow>(e =>
        {
            e.ToTable("Triggers");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.Hash);
            e.HasIndex(t => t.DefinitionId);
        });
    }
}
