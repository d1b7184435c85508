namespace GreenTierWorkflows.Application.Documents;

/// <summary>One line of a district's 汇总表: 县区, 企业名称, 评价机构 ("无" when self-evaluated), 所属行业.</summary>
public sealed record DistrictSummaryRow(int Number, string District, string Applicant, string Evaluator, string Industry)
{
    public IReadOnlyList<object?> Cells() => [Number, District, Applicant, Evaluator, Industry];
}
