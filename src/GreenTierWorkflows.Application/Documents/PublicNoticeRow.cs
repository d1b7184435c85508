namespace GreenTierWorkflows.Application.Documents;

/// <summary>One line of the 公示: district, applicant, type and what the city proposes (拟推荐省级 / 拟列入市级名单).</summary>
public sealed record PublicNoticeRow(int Number, string District, string Applicant, string TypeName, string Proposal);
