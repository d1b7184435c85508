using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Application.Nominations;

public sealed partial class NominationService
{
    /// <summary>The history line's action for an edit of the nomination's data.</summary>
    public const string EditedAction = "修改申报信息";

    /// <summary>Whether the official may edit the nomination's data now: its district, while it is a draft or returned for revision.</summary>
    public static bool CanEditDraft(Official who, Nomination nomination) => EditRefusal(who, nomination) is null;

    private static DomainError? EditRefusal(Official who, Nomination nomination)
    {
        if (!who.IsInRole(Roles.District)) return DomainError.Forbidden("只有区县主管部门可以修改申报信息。");
        if (nomination.Status is not (NominationStatus.Draft or NominationStatus.Returned))
            return DomainError.Conflict($"申报当前为「{DomainText.Of(nomination.Status)}」，已提交的申报不能修改申报信息（草稿或退回修改时可以）。");
        return null;
    }

    /// <summary>
    /// 编辑申报信息: the district changes its draft's — or its returned nomination's — data (target tier, evaluation,
    /// score, negative list) under the same rules as creation (<see cref="NominationDraftRules"/>). The applicant, type and
    /// year stay as created; a returned nomination keeps its tier (its workflow runs on the tier it was submitted with).
    /// Each changed field goes into the history as 「字段：旧 → 新」 and the security audit records the edit; an edit
    /// that changes nothing records nothing. A refused edit changes nothing.
    /// </summary>
    public async Task<DomainResult<Nomination>> UpdateAsync(Official who, string nominationId, NominationDraft draft, CancellationToken ct = default)
    {
        var found = await FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        if (EditRefusal(who, nomination) is { } refused) return refused;

        var fixedFields = new Dictionary<string, string[]>();
        if (draft.Type != nomination.Type) fixedFields["type"] = ["申报类型创建后不能更改；如需更换，请删除草稿后重新创建。"];
        if (draft.Year != nomination.Year) fixedFields["year"] = ["申报年度创建后不能更改；如需更换，请删除草稿后重新创建。"];
        if (draft.EnterpriseId != nomination.EnterpriseId || draft.ParkId != nomination.ParkId)
            fixedFields[nomination.ParkId is null ? "enterpriseId" : "parkId"] = ["申报对象创建后不能更改；如需更换，请删除草稿后重新创建。"];
        if (nomination.Status == NominationStatus.Returned && draft.TargetTier != nomination.TargetTier)
            fixedFields["targetTier"] = [$"退回修改时不能更改申报层级（流程按提交时的{DomainText.Of(nomination.TargetTier)}办理）。"];
        if (fixedFields.Count > 0) return DomainError.Invalid(fixedFields);

        var check = await rules.CheckAsync(who, draft, editing: nomination.Id, ct);
        if (!check.Ok) return check.Error!;
        var (_, _, evaluator, standard, negative) = check.Value!;

        var changes = new List<string>();
        void Note(string field, string? before, string? after)
        {
            if (before != after) changes.Add($"{field}：{before ?? "（未填写）"} → {after ?? "（未填写）"}");
        }
        Note("申报层级", DomainText.Of(nomination.TargetTier), DomainText.Of(draft.TargetTier));
        Note("评价方式", DomainText.Of(nomination.EvaluationMode), DomainText.Of(draft.EvaluationMode));
        Note("评价机构", nomination.EvaluatorName, evaluator);
        Note("评价标准", nomination.StandardVersion, standard);
        Note("得分", nomination.Score?.ToString("0.##"), draft.Score?.ToString("0.##"));
        foreach (var after in negative.OrderBy(d => d.Item))
        {
            var before = nomination.NegativeList.FirstOrDefault(d => d.Item == after.Item);
            Note($"负面清单第 {after.Item} 项", before is null ? null : before.Clear ? "无此情形" : "存在此情形", after.Clear ? "无此情形" : "存在此情形");
            Note($"负面清单第 {after.Item} 项说明", before?.Evidence, after.Evidence);
        }
        if (changes.Count == 0) return nomination;

        var now = clock.GetUtcNow();
        nomination.TargetTier = draft.TargetTier;
        nomination.EvaluationMode = draft.EvaluationMode;
        nomination.EvaluatorName = evaluator;
        nomination.StandardVersion = standard;
        nomination.Score = draft.Score;
        nomination.NegativeList = [.. negative];
        nomination.UpdatedAt = now;
        nomination.Revision++;
        var summary = string.Join("；", changes);
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = nomination.Id, At = now, ActorId = who.UserId, ActorName = who.DisplayName, Action = EditedAction, Stage = nomination.Stage,
            Comment = summary, WorkflowDefinitionId = nomination.WorkflowDefinitionId, WorkflowVersion = nomination.WorkflowVersion,
        });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord(AuditActions.NominationEdited, nomination.Id,
            $"修改申报信息：{nomination.ApplicantName}（{HuangshanUnits.NameOf(nomination.DistrictCode)} · {nomination.Year} 年度{DomainText.Of(nomination.Type)}）：{summary}")
            { ActorId = who.UserId, ActorName = who.UserName }, ct);
        return nomination;
    }
}
