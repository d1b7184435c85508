using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Throw-away SQLite file databases of the app's EF Core context in the temp directory, migrated, and removed again.</summary>
public static class SqliteTestDatabase
{
    /// <summary>A new migrated database file named <paramref name="prefix"/>-guid.db: its path and a way to open a context on it.</summary>
    public static async Task<(string Path, Func<GreenTierDbContext> Open)> CreateAsync(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite($"Data Source={path}").Options;
        GreenTierDbContext Open() => new(options);
        await using (var db = Open()) await db.Database.MigrateAsync();
        return (path, Open);
    }

    /// <summary>Closes pooled connections and deletes the file with its -wal and -shm companions.</summary>
    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
