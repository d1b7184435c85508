using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// One row of the 培育梯度 workbook: the member (its membership's id is not a column), its three cells, and its checklist and
/// follow-ups as lines of text. The same texts whether the member was assessed for the workbook (<see cref="Of(MemberReadiness)"/>)
/// or read from its stored standing (<see cref="Of(MemberStanding, IEnumerable{FollowUpView})"/>, whose checklist the assessment
/// wrote with these words).
/// </summary>
public sealed record ReadinessSheetRow(string MemberId, string MemberName, string DistrictName, NominationType Type, string City, string Province,
    string National, string Checklist, string FollowUps)
{
    public static ReadinessSheetRow Of(MemberReadiness row) => new(row.MemberId, row.MemberName, row.DistrictName, row.Type,
        CellOf(row, Tier.City), CellOf(row, Tier.Province), CellOf(row, Tier.National), ReadinessText.ChecklistLines(row.Checklist),
        ReadinessText.FollowUpLines(row.FollowUps));

    internal static ReadinessSheetRow Of(MemberStanding stored, IEnumerable<FollowUpView> followUps) => new(stored.Id, stored.MemberName,
        HuangshanUnits.NameOf(stored.DistrictCode), stored.TargetType, CellOf(stored.City, stored.CityGaps), CellOf(stored.Province, stored.ProvinceGaps),
        CellOf(stored.National, stored.NationalGaps), stored.Checklist, ReadinessText.FollowUpLines(followUps));

    private static string CellOf(MemberReadiness row, Tier tier) => row.Cell(tier) is { } cell ? ReadinessText.Of(cell) : "";

    private static string CellOf(int? standing, int? gaps) => standing is { } s ? ReadinessText.Cell((TierStanding)s, gaps ?? 0) : "";
}
