using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// The one rule for what a district may file as a nomination — applicant in the official's district and in the year's
/// cultivation pool, the tier ladder, one open nomination per applicant and year, score, evaluator, standard and the
/// negative list — applied when a draft is created and whenever its data is edited (as a draft or after a return).
/// </summary>
public sealed class NominationDraftRules(GreenTierDbContext db)
{
    /// <summary>
    /// Checks <paramref name="draft"/> for <paramref name="who"/>; <paramref name="editing"/> is the nomination being
    /// edited (it does not count as another open nomination of its applicant). Field errors (400) or not found (404)
    /// when the applicant is outside the official's district.
    /// </summary>
    public async Task<DomainResult<CheckedDraft>> CheckAsync(Official who, NominationDraft draft, string? editing = null, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        string applicant = "", district = "";
        if (draft.Type == NominationType.GreenPark)
        {
            var park = draft.ParkId is null ? null : await db.Parks.FindAsync([draft.ParkId], ct);
            if (park is null) Fail("parkId", "请选择申报的园区。");
            else (applicant, district) = (park.Name, park.DistrictCode);
        }
        else
        {
            var enterprise = draft.EnterpriseId is null ? null : await db.Enterprises.FindAsync([draft.EnterpriseId], ct);
            if (enterprise is null) Fail("enterpriseId", "请选择申报的企业。");
            else
            {
                (applicant, district) = (enterprise.Name, enterprise.DistrictCode);
                if (enterprise.IneligibilityFor(draft.Type) is { } ineligible) Fail("enterpriseId", ineligible);
            }
        }
        if (errors.Count == 0 && !who.CanSeeDistrict(district)) return DomainError.NotFound(draft.Type == NominationType.GreenPark ? "园区" : "企业");

        if (errors.Count == 0)
        {
            var memberId = draft.ParkId ?? draft.EnterpriseId;
            var inPool = await db.PoolMemberships.AnyAsync(m => (m.EnterpriseId == memberId || m.ParkId == memberId)
                && m.Year == draft.Year && m.ExitedAt == null && m.TargetType == draft.Type, ct);
            if (!inPool) Fail(draft.ParkId is null ? "enterpriseId" : "parkId", $"「{applicant}」不在 {draft.Year} 年度{DomainText.Of(draft.Type)}培育库中，只有培育库成员可以申报。");

            var ladder = await db.Listings.Where(l => (l.EnterpriseId == memberId || l.ParkId == memberId) && l.Type == draft.Type && l.Status == ListingStatus.Active)
                .Select(l => l.Tier).ToListAsync(ct);
            if (ladder.Any(t => t >= draft.TargetTier))
                Fail("targetTier", $"「{applicant}」已列入{DomainText.Of(ladder.Max())}{DomainText.Of(draft.Type)}名单，不能再申报同级或更低层级。");
            else if (draft.TargetTier == Tier.National && !ladder.Contains(Tier.Province))
                Fail("targetTier", "国家级只能从省级名单中遴选：请先列入省级名单。");

            // An equality on the applicant's own column, so the (applicant, year, type) index answers it (an OR across the
            // enterprise and park columns scanned the year).
            var sameApplicant = draft.ParkId is null
                ? db.Nominations.Where(n => n.EnterpriseId == memberId)
                : db.Nominations.Where(n => n.ParkId == memberId);
            var open = await sameApplicant.AnyAsync(n => n.Year == draft.Year && n.Type == draft.Type && n.Id != editing
                && (n.Status == NominationStatus.Draft || n.Status == NominationStatus.InProgress || n.Status == NominationStatus.Returned), ct);
            if (open) Fail("enterpriseId", $"「{applicant}」在 {draft.Year} 年度已有办理中的{DomainText.Of(draft.Type)}申报。");
        }
        if (draft.Score is < 0 or > 100) Fail("score", "得分应在 0–100 之间。");
        var evaluator = TextInput.Check(draft.EvaluatorName, "评价机构名称");
        var standard = TextInput.Check(draft.StandardVersion, "评价标准");
        if (!evaluator.Ok) Fail("evaluatorName", evaluator.Error!);
        else if (draft.EvaluationMode == EvaluationMode.ThirdParty && evaluator.Value is null)
            Fail("evaluatorName", "第三方评价须填写评价机构名称。");
        if (!standard.Ok) Fail("standardVersion", standard.Error!);
        var negative = (draft.NegativeList ?? []).Select(d => (Declaration: d, Evidence: TextInput.Check(d.Evidence, $"负面清单第 {d.Item} 项说明", multiLine: true))).ToList();
        if (negative.FirstOrDefault(d => !d.Evidence.Ok) is { Declaration: not null } badEvidence) Fail("negativeList", badEvidence.Evidence.Error!);
        else if (negative.Count != NegativeList.Items.Count || Enumerable.Range(1, NegativeList.Items.Count).Any(i => negative.All(d => d.Declaration.Item != i)))
            Fail("negativeList", $"请逐项填写负面清单自查（共 {NegativeList.Items.Count} 项）。");
        else if (negative.Select(d => d.Declaration).Where(d => !d.Clear).Select(d => d.Item).Order().ToList() is { Count: > 0 } hits)
            // Every item not declared clear is named at once: an official who left several unticked fixes them in one pass.
            Fail("negativeList", hits.Count == 1
                ? $"负面清单第 {hits[0]} 项（{NegativeList.Items[hits[0] - 1]}）：近三年存在该情形的不得申报。"
                : $"负面清单第 {string.Join("、", hits)} 项未确认「不存在」：近三年存在其中任一情形的不得申报。");
        if (errors.Count > 0) return DomainError.Invalid(errors);

        return new CheckedDraft(applicant, district, evaluator.Value, standard.Value ?? "GB/T 36132-2025",
            negative.Select(d => new NegativeListDeclaration { Item = d.Declaration.Item, Clear = d.Declaration.Clear, Evidence = d.Evidence.Value }).ToList());
    }
}
