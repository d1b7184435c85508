namespace GreenTierWorkflows.Application.Documents;

/// <summary>The bureau's particulars printed on generated documents (section <c>Documents</c>); wording itself lives in the templates.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>公示 period in working days (5 in 芜湖's practice; Huangshan's is configurable).</summary>
    public int PublicNoticeWorkingDays { get; set; } = 5;

    /// <summary>Contact printed on the 公示 and the covering letters.</summary>
    public string ContactName { get; set; } = "市工信局节能与综合利用科";

    public string ContactPhone { get; set; } = "0559-0000000";

    /// <summary>Where objections go during the 公示 (address, e-mail).</summary>
    public string ObjectionChannel { get; set; } = "书面异议请寄送或当面递交至黄山市工信局，并注明真实姓名和联系方式；匿名异议不予受理。";
}
