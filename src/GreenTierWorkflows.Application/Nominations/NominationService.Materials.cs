using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Nominations;

public sealed partial class NominationService
{
    /// <summary>The history line's action for a replaced material.</summary>
    public const string ReplacedAction = "替换材料";

    /// <summary>The history line's action for a material added while the nomination is returned for revision.</summary>
    public const string AddedAction = "补充材料";

    /// <summary>
    /// 替换材料: the district replaces a current material of its draft — or of its nomination returned for revision — with a
    /// new PDF of the same category, checked as every upload is. The replacement is a new material; the old one stays,
    /// marked superseded (by which, when, who), readable as an earlier version but no longer a current material. The
    /// history gets one line 「评价报告（v2）：旧.pdf → 新.pdf」. The new row, the old one's mark and the history line are
    /// saved together; a refused replacement changes nothing.
    /// </summary>
    public async Task<DomainResult<Material>> ReplaceMaterialAsync(Official who, string nominationId, string materialId, string fileName,
        Stream content, long length, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        if (!who.IsInRole(Roles.District)) return DomainError.Forbidden("只有区县主管部门可以替换申报材料。");
        if (nomination.Status is not (NominationStatus.Draft or NominationStatus.Returned))
            return DomainError.Conflict($"申报当前为「{DomainText.Of(nomination.Status)}」，已提交的申报不能替换材料（草稿或退回修改时可以）。");
        var old = nomination.Materials.FirstOrDefault(m => m.Id == materialId);
        if (old is null) return DomainError.NotFound("材料");
        if (old.SupersededAt is not null) return DomainError.Conflict($"「{old.FileName}」已被替换，只能替换该类材料的当前版本。");

        var now = clock.GetUtcNow();
        var replacementId = Guid.CreateVersion7().ToString("N");
        var version = MaterialVersions.VersionOf(nomination.Materials, old) + 1;
        // Marked before the new row is stored: the store saves the row, the mark and the line in one SaveChanges.
        old.SupersededById = replacementId;
        old.SupersededAt = now;
        old.SupersededBy = who.UserName;
        nomination.UpdatedAt = now;
        nomination.Revision++;
        var line = new NominationEvent
        {
            NominationId = nomination.Id, At = now, ActorId = who.UserId, ActorName = who.DisplayName, Action = ReplacedAction, Stage = nomination.Stage,
            Comment = $"{old.Category}（v{version}）：{old.FileName} → {Path.GetFileName(fileName)}",
            WorkflowDefinitionId = nomination.WorkflowDefinitionId, WorkflowVersion = nomination.WorkflowVersion,
        };
        db.NominationEvents.Add(line);
        DomainResult<Material> stored;
        try
        {
            stored = await StoreMaterialAsync(nomination.Id, old.Category, fileName, content, length, who.UserName, ct, materialId: replacementId);
        }
        catch (DbUpdateConcurrencyException)
        {
            stored = DomainError.Conflict("申报刚被他人修改，请刷新后重试。");
        }
        if (!stored.Ok)
        {
            // Refused (or overtaken by another change): take back the mark and the line, so the context saves nothing of it.
            db.Entry(line).State = EntityState.Detached;
            foreach (var tracked in new object[] { old, nomination })
            {
                var e = db.Entry(tracked);
                e.CurrentValues.SetValues(e.OriginalValues);
                e.State = EntityState.Unchanged;
            }
            foreach (var added in db.ChangeTracker.Entries<Material>().Where(e => e.Entity.Id == replacementId).ToList()) added.State = EntityState.Detached;
            return stored.Error!;
        }
        return stored;
    }
}
