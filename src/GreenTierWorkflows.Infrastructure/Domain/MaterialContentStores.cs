using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>Where the bytes of uploaded materials are kept (<c>Nominations:MaterialStorage</c>).</summary>
public enum MaterialStorage
{
    /// <summary><see cref="Files"/> when the app's data is on SQLite (one node), <see cref="Database"/> on PostgreSQL (scale-out).</summary>
    Auto,
    /// <summary>Outside the database: one file per content, <c>{sha256}.pdf</c> under <c>Nominations:MaterialsDirectory</c>.</summary>
    Files,
    /// <summary>In the app's database (<c>MaterialContents</c>), so every app node serves every material without a shared disk.</summary>
    Database,
}

/// <summary>
/// The bytes of materials, addressed by SHA-256 and shared by every material with the same content. Each call also writes
/// or deletes the <see cref="Material"/> rows, so the two stay consistent the way the storage allows.
/// </summary>
public interface IMaterialContentStore
{
    /// <summary>Stores <paramref name="bytes"/> (unless stored already) and saves <paramref name="material"/>.</summary>
    Task AddAsync(Material material, byte[] bytes, CancellationToken ct = default);

    /// <summary>The bytes stored under <paramref name="sha256"/>; null if they are missing.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct = default);

    /// <summary>Whether content is stored under <paramref name="sha256"/>.</summary>
    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);

    /// <summary>Deletes the materials' rows, and each content no other material (pending ones included) still refers to.</summary>
    Task RemoveAsync(IReadOnlyCollection<Material> materials, CancellationToken ct = default);

    /// <summary>
    /// Deletes contents that no material refers to and that are at least <paramref name="minimumAge"/> old (left by a
    /// crash between storing the bytes and saving the row, or by a clean-up that failed); younger ones may belong to an
    /// upload still in flight, on this node or another. Returns how many were deleted.
    /// </summary>
    Task<int> RemoveOrphansAsync(TimeSpan minimumAge, CancellationToken ct = default);
}

/// <summary>
/// One file per content under <see cref="MaterialStorageOptions.MaterialsDirectory"/>, written (atomically, by rename) before
/// the material row is saved. A file left behind by a save that then failed (or a crash) is swept by
/// <see cref="RemoveOrphansAsync"/> once it is older than the grace period; until then the next upload of the same
/// content reuses it. Writing a row and deleting an unreferenced file take one lock, so within the process a file is
/// never deleted under a row being saved; a reused file is touched first, so another process's sweep leaves it alone.
/// </summary>
public sealed class FileMaterialContentStore(GreenTierDbContext db, MaterialStorageOptions options) : IMaterialContentStore
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task AddAsync(Material material, byte[] bytes, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.MaterialsDirectory);
        var path = PathOf(material.Sha256);
        await Gate.WaitAsync(ct);
        try
        {
            if (File.Exists(path)) File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            else
            {
                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                await File.WriteAllBytesAsync(temp, bytes, ct);
                File.Move(temp, path, overwrite: true);
            }
            db.Materials.Add(material);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct = default)
    {
        try { return await File.ReadAllBytesAsync(PathOf(sha256), ct); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(sha256)));

    public async Task RemoveAsync(IReadOnlyCollection<Material> materials, CancellationToken ct = default)
    {
        var ids = materials.Select(m => m.Id).ToList();
        await Gate.WaitAsync(ct);
        try
        {
            await db.Materials.IgnoreQueryFilters().Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
            foreach (var hash in materials.Select(m => m.Sha256).Distinct(StringComparer.Ordinal))
                await DeleteIfUnreferencedAsync(PathOf(hash), hash, ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<int> RemoveOrphansAsync(TimeSpan minimumAge, CancellationToken ct = default)
    {
        if (!Directory.Exists(options.MaterialsDirectory)) return 0;
        var removed = 0;
        // File times are the machine's, so the age is measured on the machine's clock (the app's clock may be another).
        var cutoff = DateTime.UtcNow - minimumAge;
        foreach (var path in Directory.EnumerateFiles(options.MaterialsDirectory))
        {
            var name = Path.GetFileName(path);
            var temporary = name.EndsWith(".tmp", StringComparison.Ordinal);
            if (!temporary && !IsContentFile(name)) continue; // not ours
            if (File.GetLastWriteTimeUtc(path) >= cutoff) continue;
            await Gate.WaitAsync(ct);
            try
            {
                if (temporary) removed += TryDelete(path) ? 1 : 0;
                else if (File.GetLastWriteTimeUtc(path) < cutoff && await DeleteIfUnreferencedAsync(path, name[..64], ct)) removed++;
            }
            finally
            {
                Gate.Release();
            }
        }
        return removed;
    }

    /// <summary>Deletes the file of <paramref name="hash"/> unless a material (pending or not) refers to it; under the gate.</summary>
    private async Task<bool> DeleteIfUnreferencedAsync(string path, string hash, CancellationToken ct) =>
        !await db.Materials.IgnoreQueryFilters().AnyAsync(m => m.Sha256 == hash, ct) && TryDelete(path);

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; } // still open somewhere: the next sweep takes it
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>A content file's name: 64 lower-case hex digits and <c>.pdf</c>.</summary>
    private static bool IsContentFile(string name) =>
        name.Length == 68 && name.EndsWith(".pdf", StringComparison.Ordinal) && name[..64].All(char.IsAsciiHexDigitLower);

    private string PathOf(string sha256) => PathOf(options, sha256);

    /// <summary>The file of the content with this hash.</summary>
    public static string PathOf(MaterialStorageOptions options, string sha256) => Path.Combine(options.MaterialsDirectory, sha256 + ".pdf");
}

/// <summary>
/// Contents in the <c>MaterialContents</c> table, written in the material's own transaction: a refused or failed upload
/// leaves nothing, and a database backup holds every material.
/// </summary>
public sealed class DatabaseMaterialContentStore(GreenTierDbContext db, TimeProvider clock) : IMaterialContentStore
{
    public async Task AddAsync(Material material, byte[] bytes, CancellationToken ct = default)
    {
        // An upsert lets two uploads of the same file at once both succeed (on either database). Its no-op update of an
        // existing row locks that row until this transaction ends, so RemoveAsync cannot take the content away from a
        // material that is about to be committed (see there).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "MaterialContents" ("Sha256", "Content", "Size", "StoredAt")
            VALUES ({material.Sha256}, {bytes}, {(long)bytes.Length}, {SortableDateTimeOffset.Format(clock.GetUtcNow())})
            ON CONFLICT ("Sha256") DO UPDATE SET "Size" = excluded."Size"
            """, ct);
        db.Materials.Add(material);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public Task<byte[]?> ReadAsync(string sha256, CancellationToken ct = default) =>
        db.MaterialContents.AsNoTracking().Where(c => c.Sha256 == sha256).Select(c => c.Content).FirstOrDefaultAsync(ct);

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) =>
        db.MaterialContents.AsNoTracking().AnyAsync(c => c.Sha256 == sha256, ct);

    public async Task RemoveAsync(IReadOnlyCollection<Material> materials, CancellationToken ct = default)
    {
        var ids = materials.Select(m => m.Id).ToList();
        var hashes = materials.Select(m => m.Sha256).Distinct(StringComparer.Ordinal).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // PostgreSQL runs transactions side by side: lock the contents first, which waits for an upload of the same file
        // that holds the lock (its upsert), so the check below sees that upload's material once it has committed.
        // SQLite has one writer at a time, so there nothing can commit in between.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "MaterialContents" WHERE "Sha256" = ANY({hashes.ToArray()}) FOR UPDATE""", ct);
        await db.Materials.IgnoreQueryFilters().Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        await db.MaterialContents.Where(c => hashes.Contains(c.Sha256) && !db.Materials.IgnoreQueryFilters().Any(m => m.Sha256 == c.Sha256)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// A content and its material are saved in one transaction, so an orphan is rare (a clean-up that failed); it is
    /// deleted when at least <paramref name="minimumAge"/> old, under the same row lock an upload of that content takes.
    /// </summary>
    public async Task<int> RemoveOrphansAsync(TimeSpan minimumAge, CancellationToken ct = default)
    {
        var storedBefore = clock.GetUtcNow() - minimumAge;
        var orphans = await db.MaterialContents.AsNoTracking()
            .Where(c => c.StoredAt < storedBefore && !db.Materials.IgnoreQueryFilters().Any(m => m.Sha256 == c.Sha256))
            .Select(c => c.Sha256).ToListAsync(ct);
        var removed = 0;
        foreach (var hash in orphans)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "MaterialContents" WHERE "Sha256" = {hash} FOR UPDATE""", ct);
            removed += await db.MaterialContents.Where(c => c.Sha256 == hash && !db.Materials.IgnoreQueryFilters().Any(m => m.Sha256 == c.Sha256)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        return removed;
    }
}
