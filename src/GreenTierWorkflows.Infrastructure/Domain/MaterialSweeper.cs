using GreenTierWorkflows.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>What one sweep removed.</summary>
public sealed record MaterialSweepResult(int PendingMaterials, int OrphanContents);

/// <summary>
/// Removes what a crash or a failed clean-up left of materials: a decision's pending files whose decision was never
/// recorded, and stored contents (files under <c>data/materials</c>, or <c>MaterialContents</c> rows) no material refers
/// to. It first applies every committed workflow effect, so the files of a decision whose step committed are confirmed,
/// never swept. A pending file goes when its task is no longer open (the decision that was recorded named other files)
/// or when it is older than <see cref="MaterialStorageOptions.MaterialSweepGraceMinutes"/>; a content goes when unreferenced
/// and older than that. Runs at start-up and every <see cref="MaterialStorageOptions.MaterialSweepIntervalMinutes"/>.
/// </summary>
public sealed class MaterialSweeper(GreenTierDbContext db, IMaterialContentStore contents, IEffectOutboxDrain effects,
    MaterialStorageOptions options, TimeProvider clock, ILogger<MaterialSweeper> logger)
{
    public async Task<MaterialSweepResult> SweepAsync(CancellationToken ct = default)
    {
        await effects.DrainAsync(ct);
        var grace = TimeSpan.FromMinutes(Math.Max(0, options.MaterialSweepGraceMinutes));
        var cutoff = clock.GetUtcNow() - grace;
        // A pending file of a task that is still open and younger than the grace period may belong to a decision in
        // flight; once the task is decided (and its effect applied, above), its own files are no longer pending.
        var orphans = await db.Materials.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.PendingSince != null && (m.PendingSince < cutoff || !db.ReviewTasks.Any(t => t.Id == m.PendingTaskId && t.Status == ReviewTaskStatus.Open)))
            .ToListAsync(ct);
        if (orphans.Count > 0) await contents.RemoveAsync(orphans, ct);
        var contentsRemoved = await contents.RemoveOrphansAsync(grace, ct);
        if (orphans.Count + contentsRemoved > 0)
            logger.LogInformation("材料清理：删除 {Pending} 份未随办理结果记录的附件，{Contents} 份无引用的材料内容。", orphans.Count, contentsRemoved);
        return new MaterialSweepResult(orphans.Count, contentsRemoved);
    }
}
