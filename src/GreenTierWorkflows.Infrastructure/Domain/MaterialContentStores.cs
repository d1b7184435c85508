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

    /// <summary>Deletes the materials' rows, and each content no other material still refers to.</summary>
    Task RemoveAsync(IReadOnlyCollection<Material> materials, CancellationToken ct = default);
}

/// <summary>
/// One file per content under <see cref="NominationOptions.MaterialsDirectory"/>, written (atomically, by rename) before
/// the material row is saved. A file left behind by a save that then failed is harmless: the next upload of the same
/// content reuses it.
/// </summary>
public sealed class FileMaterialContentStore(GreenTierDbContext db, NominationOptions options) : IMaterialContentStore
{
    public async Task AddAsync(Material material, byte[] bytes, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.MaterialsDirectory);
        var path = PathOf(material.Sha256);
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        db.Materials.Add(material);
        await db.SaveChangesAsync(ct);
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
        await db.Materials.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        foreach (var hash in materials.Select(m => m.Sha256).Distinct(StringComparer.Ordinal))
        {
            if (await db.Materials.AnyAsync(m => m.Sha256 == hash, ct)) continue;
            try { File.Delete(PathOf(hash)); }
            catch (IOException) { } // an orphaned file is harmless: the next upload of the same content reuses it
        }
    }

    private string PathOf(string sha256) => PathOf(options, sha256);

    /// <summary>The file of the content with this hash.</summary>
    public static string PathOf(NominationOptions options, string sha256) => Path.Combine(options.MaterialsDirectory, sha256 + ".pdf");
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
        await db.Materials.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        await db.MaterialContents.Where(c => hashes.Contains(c.Sha256) && !db.Materials.Any(m => m.Sha256 == c.Sha256)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }
}
