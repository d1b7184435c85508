using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>
/// EF Core implementation of every store contract (behaves like <see cref="MemoryWorkflowStore"/>). Each call uses its own
/// short-lived context; reads are untracked and list queries never load the JSON columns. The step commit path writes
/// with a few prepared statements in one transaction, without reading first.
/// </summary>
public sealed partial class EfWorkflowStore(IDbContextFactory<WorkflowDbContext> contextFactory, TimeProvider? clock = null) : IWorkflowStore, IDisposable
{
    private readonly IDbContextFactory<WorkflowDbContext> _contextFactory = contextFactory;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Opens (creating it if needed) the SQLite database file at <paramref name="databasePath"/>, applies pending migrations
    /// and switches it to WAL. Connections are pooled.
    /// </summary>
    public static EfWorkflowStore CreateSqlite(string databasePath, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        return Create(AppDatabase.Sqlite(databasePath), clock);
    }

    /// <summary>A store on <paramref name="database"/> (SQLite or PostgreSQL), migrated.</summary>
    public static EfWorkflowStore Create(AppDatabase database, TimeProvider? clock = null)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        WorkflowDbContext.Configure(builder, database);
        var store = new EfWorkflowStore(new PooledDbContextFactory<WorkflowDbContext>(builder.Options), clock);
        store.Migrate();
        return store;
    }

    /// <summary>The pooled connection string used for a database file.</summary>
    public static string SqliteConnectionString(string databasePath) => AppDatabase.Sqlite(databasePath).ConnectionString;

    /// <summary>
    /// Applies pending migrations (<see cref="DatabaseMigrations.MigrateIfBehind"/>: one look at the history table when
    /// none is pending); on SQLite also turns on WAL journaling (a persistent setting of the file). On PostgreSQL EF Core
    /// locks the migration history while it migrates, so app nodes starting together migrate once.
    /// </summary>
    public void Migrate()
    {
        using var db = _contextFactory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            db.Database.OpenConnection();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        db.Database.MigrateIfBehind();
    }

    /// <summary>The database the contexts point at, for the store's own ADO.NET connections.</summary>
    private AppDatabase Database => _database ??= DetectDatabase();
    private AppDatabase? _database;

    private AppDatabase DetectDatabase()
    {
        using var db = _contextFactory.CreateDbContext();
        var connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The workflow database has no connection string.");
        return new AppDatabase(db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite, connectionString);
    }

    // ---- definitions ----

    public async Task<WorkflowDefinitionRecord?> FindDefinitionAsync(string definitionId, VersionOptions options, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var row = await WhereVersion(db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId), options)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<WorkflowDefinitionRecord?> FindDefinitionByIdAsync(string id, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var row = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> FindDefinitionsAsync(WorkflowDefinitionFilter filter, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var rows = await Query(db, filter).ToListAsync(ct);
        return rows.ConvertAll(ToRecord);
    }

    public async Task<Page<WorkflowDefinitionSummary>> ListDefinitionsAsync(WorkflowDefinitionFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var query = Query(db, filter);
        var total = await query.LongCountAsync(ct);
        var (skip, take) = Window((long)page * pageSize, pageSize);
        List<WorkflowDefinitionSummary> items = take == 0 ? [] : await query.Skip(skip).Take(take)
            .Select(d => new WorkflowDefinitionSummary(d.Id, d.DefinitionId, d.Version, d.Name, d.Description,
                d.IsLatest, d.IsPublished, d.IsReadonly, d.IsSystem, d.ToolVersion, d.CreatedAt))
            .ToListAsync(ct);
        return new Page<WorkflowDefinitionSummary>(items, total);
    }

    public async Task SaveDefinitionsAsync(IReadOnlyCollection<WorkflowDefinitionRecord> records, CancellationToken ct = default)
    {
        if (records.Count == 0) return;
        // Like the in-memory store, the last record with a given id wins.
        var latestById = new Dictionary<string, WorkflowDefinitionRecord>(StringComparer.Ordinal);
        foreach (var r in records) latestById[r.Id] = r;
        var ids = latestById.Keys.ToList();

        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = (await db.WorkflowDefinitions.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var record in latestById.Values)
        {
            var row = ToRow(record);
            if (existing.Contains(record.Id)) db.Update(row);
            else db.Add(row);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<int> DeleteDefinitionAsync(string definitionId, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        return await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
    }

    public async Task<bool> DeleteDefinitionVersionAsync(string id, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        return await db.WorkflowDefinitions.Where(d => d.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The filter as one query, ordered like the in-memory store (order key, then definition id, then version).</summary>
    private static IQueryable<WorkflowDefinitionRow> Query(WorkflowDbContext db, WorkflowDefinitionFilter f)
    {
        var q = db.WorkflowDefinitions.AsNoTracking();
        if (f.DefinitionId is { } definitionId) q = q.Where(d => d.DefinitionId == definitionId);
        if (f.DefinitionIds is { Count: > 0 })
        {
            var definitionIds = f.DefinitionIds.ToList();
            q = q.Where(d => definitionIds.Contains(d.DefinitionId));
        }
        if (f.Ids is { Count: > 0 })
        {
            var ids = f.Ids.ToList();
            q = q.Where(d => ids.Contains(d.Id));
        }
        if (f.VersionOptions is { } vo) q = WhereVersion(q, vo);
        if (f.IsSystem is { } isSystem) q = q.Where(d => d.IsSystem == isSystem);
        if (f.Name is { } name) q = q.Where(d => d.Name == name);
        if (!string.IsNullOrWhiteSpace(f.SearchTerm))
        {
            // SQLite's lower() folds ASCII letters only, so the term is folded the same way on this side.
            var term = AsciiLower(f.SearchTerm);
            q = q.Where(d => (d.Name != null && d.Name.ToLower().Contains(term))
                || (d.Description != null && d.Description.ToLower().Contains(term))
                || d.DefinitionId.ToLower().Contains(term));
        }
        var ordered = f.OrderBy switch
        {
            DefinitionOrder.Version => f.Descending ? q.OrderByDescending(d => d.Version) : q.OrderBy(d => d.Version),
            DefinitionOrder.CreatedAt => f.Descending ? q.OrderByDescending(d => d.CreatedAt) : q.OrderBy(d => d.CreatedAt),
            _ => f.Descending ? q.OrderByDescending(d => d.Name) : q.OrderBy(d => d.Name),
        };
        return ordered.ThenBy(d => d.DefinitionId).ThenBy(d => d.Version);
    }

    /// <summary>Translates <see cref="VersionOptions.Matches"/> into a WHERE on the flag and version columns.</summary>
    private static IQueryable<WorkflowDefinitionRow> WhereVersion(IQueryable<WorkflowDefinitionRow> q, VersionOptions options)
    {
        var version = options.Version;
        return options.Selector switch
        {
            VersionOptions.Kind.Latest => q.Where(d => d.IsLatest),
            VersionOptions.Kind.Published => q.Where(d => d.IsPublished),
            VersionOptions.Kind.LatestOrPublished => q.Where(d => d.IsLatest || d.IsPublished),
            VersionOptions.Kind.LatestAndPublished => q.Where(d => d.IsLatest && d.IsPublished),
            VersionOptions.Kind.Draft => q.Where(d => d.IsLatest && !d.IsPublished),
            VersionOptions.Kind.AllVersions => q,
            _ => q.Where(d => d.Version == version),
        };
    }

    private static string AsciiLower(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
        });

    /// <summary>Clamps an offset/limit pair the way LINQ to Objects treats negative values.</summary>
    private static (int Skip, int Take) Window(long skip, int take) => ((int)Math.Clamp(skip, 0, int.MaxValue), Math.Max(take, 0));

    private static WorkflowDefinitionRecord ToRecord(WorkflowDefinitionRow r) => new()
    {
        Id = r.Id, DefinitionId = r.DefinitionId, Version = r.Version, Name = r.Name, Description = r.Description,
        IsLatest = r.IsLatest, IsPublished = r.IsPublished, IsReadonly = r.IsReadonly, IsSystem = r.IsSystem,
        ToolVersion = r.ToolVersion, CreatedAt = r.CreatedAt, Json = r.Json,
    };

    private static WorkflowDefinitionRow ToRow(WorkflowDefinitionRecord r) => new()
    {
        Id = r.Id, DefinitionId = r.DefinitionId, Version = r.Version, Name = r.Name, Description = r.Description,
        IsLatest = r.IsLatest, IsPublished = r.IsPublished, IsReadonly = r.IsReadonly, IsSystem = r.IsSystem,
        ToolVersion = r.ToolVersion, CreatedAt = r.CreatedAt, Json = r.Json,
    };
}
