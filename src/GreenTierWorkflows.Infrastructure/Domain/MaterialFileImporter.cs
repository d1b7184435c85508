using System.Security.Cryptography;
using GreenTierWorkflows.Domain.Nominations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// With <see cref="MaterialStorage.Database"/>: materials stored as files (<see cref="MaterialStorage.Files"/>, the
/// one-node default, or by earlier versions) under <see cref="MaterialStorageOptions.MaterialsDirectory"/> are imported at
/// start-up. Every material whose content is not in the database yet is read from there, checked against its hash and
/// stored, one content per transaction. The files are left in place; once the log reports nothing missing, the
/// directory may be removed.
/// </summary>
public sealed class MaterialFileImporter(GreenTierDbContext db, IMaterialContentStore contents, MaterialStorageOptions options, TimeProvider clock,
    ILogger<MaterialFileImporter> logger)
{
    /// <summary>Imports what is missing; returns how many contents were stored.</summary>
    public async Task<int> ImportAsync(CancellationToken ct = default)
    {
        if (contents is not DatabaseMaterialContentStore) return 0; // files are the storage: nothing to import
        var missing = await db.Materials.IgnoreQueryFilters().AsNoTracking().Select(m => m.Sha256).Distinct()
            .Where(hash => !db.MaterialContents.Any(c => c.Sha256 == hash)).ToListAsync(ct);
        var imported = 0;
        foreach (var hash in missing)
        {
            var path = FileMaterialContentStore.PathOf(options, hash);
            if (!File.Exists(path))
            {
                logger.LogWarning("材料内容缺失：SHA-256 {Sha256} 不在数据库中，材料文件 {Path} 也不存在。", hash, Path.GetFullPath(path));
                continue;
            }
            var bytes = await File.ReadAllBytesAsync(path, ct);
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), hash, StringComparison.Ordinal))
            {
                logger.LogWarning("材料文件 {Path} 已损坏（内容与 SHA-256 {Sha256} 不符），未导入。", Path.GetFullPath(path), hash);
                continue;
            }
            db.MaterialContents.Add(new MaterialContent { Sha256 = hash, Content = bytes, Size = bytes.Length, StoredAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            imported++;
        }
        if (imported > 0)
            logger.LogInformation("已将 {Count} 份材料文件导入数据库（目录 {Directory}）。", imported, Path.GetFullPath(options.MaterialsDirectory));
        return imported;
    }
}
