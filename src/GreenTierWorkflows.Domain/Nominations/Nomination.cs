using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Stages;

namespace GreenTierWorkflows.Domain.Nominations;

/// <summary>
/// One application (申报) of an enterprise or park for a list at a target tier in a year, carried by a workflow instance
/// (correlation id = nomination id). Stage and status are projected from the workflow's effects.
/// </summary>
public sealed class Nomination : IDistrictOwned
{
    public string Id { get; set; } = "";
    public NominationType Type { get; set; }
    public Tier TargetTier { get; set; }
    public int Year { get; set; }
    public string DistrictCode { get; set; } = "";
    /// <summary>The applicant: an enterprise (factory, supply chain) …</summary>
    public string? EnterpriseId { get; set; }
    /// <summary>… or a park.</summary>
    public string? ParkId { get; set; }
    /// <summary>Applicant name, copied for lists and notices.</summary>
    public string ApplicantName { get; set; } = "";
    public EvaluationMode EvaluationMode { get; set; }
    /// <summary>第三方评价机构 (optional).</summary>
    public string? EvaluatorName { get; set; }
    /// <summary>评价标准版本, e.g. GB/T 36132-2025.</summary>
    public string StandardVersion { get; set; } = "GB/T 36132-2025";
    public decimal? Score { get; set; }
    /// <summary>负面清单自查: six items, each declared clear or not, with evidence.</summary>
    public List<NegativeListDeclaration> NegativeList { get; set; } = [];
    public NominationStatus Status { get; set; }
    /// <summary>Current stage name (区县初审, 市级评审 …), from the workflow.</summary>
    public string Stage { get; set; } = StageNames.Draft;
    public string? WorkflowInstanceId { get; set; }
    public string? WorkflowDefinitionId { get; set; }
    public int? WorkflowVersion { get; set; }
    /// <summary>Rank within the city's provincial quota, when recommended.</summary>
    public int? RecommendationRank { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token.</summary>
    public long Revision { get; set; }

    /// <summary>Every material, replaced versions included (see <see cref="CurrentMaterials"/>).</summary>
    public List<Material> Materials { get; set; } = [];

    /// <summary>
    /// The materials that stand: those no replacement has superseded. Lists, the submission check and generated documents
    /// read these; earlier versions stay in <see cref="Materials"/> as history.
    /// </summary>
    public IEnumerable<Material> CurrentMaterials => Materials.Where(m => m.SupersededAt is null);

    /// <summary>
    /// The name its workflow instance carries (Elsa's instance <c>name</c>, shown in Studio's instance list): the
    /// applicant and what it applies for, e.g. 「黄山某某科技有限公司 · 2026 年省级绿色工厂申报」.
    /// </summary>
    public string WorkflowInstanceName => $"{ApplicantName} · {Year} 年{DomainText.Of(TargetTier)}{DomainText.Of(Type)}申报";
}

/// <summary>One item of the six-item negative list (domain.md §1) as declared by the applicant.</summary>
public sealed class NegativeListDeclaration
{
    public int Item { get; set; }
    /// <summary>True when the applicant declares the item does not apply to it (clear).</summary>
    public bool Clear { get; set; }
    public string? Evidence { get; set; }
}

/// <summary>The six items of the negative list (any within the last 3 years bars the application).</summary>
public static class NegativeList
{
    public static readonly IReadOnlyList<string> Items =
    [
        "未正常经营（注销、停产 12 个月以上、列入经营异常名录）",
        "发生安全（含网络与数据安全）、质量、环境污染事故或偷漏税等违法行为",
        "曾因动态调整被移出绿色制造名单",
        "在国务院及有关部门督查中发现存在严重问题",
        "存在未完成的节能整改",
        "被列为失信被执行人",
    ];
}

/// <summary>
/// An uploaded PDF as the nomination lists it; its bytes are stored once per content under <see cref="Sha256"/> (a file,
/// or a <see cref="MaterialContent"/> row when materials are kept in the database).
/// </summary>
public sealed class Material
{
    public string Id { get; set; } = "";
    public string NominationId { get; set; } = "";
    /// <summary>评价报告, 推荐文件, 汇总表, 真实性承诺 …</summary>
    public string Category { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/pdf";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    /// <summary>
    /// Set while the material belongs to a decision that is not recorded yet (a file handed in with the decision): such a
    /// material is in no list and cannot be downloaded. The decision's workflow effect clears it in the transaction that
    /// records the decision; the material sweeper removes pending materials whose decision never was.
    /// </summary>
    public DateTimeOffset? PendingSince { get; set; }
    /// <summary>The review task whose decision a pending material waits for.</summary>
    public string? PendingTaskId { get; set; }
    /// <summary>
    /// Set when a district replaced this material (替换材料): the material that replaced it. A superseded material stays
    /// readable (history, download, preview) but is no longer a current material of the nomination.
    /// </summary>
    public string? SupersededById { get; set; }
    /// <summary>When it was replaced.</summary>
    public DateTimeOffset? SupersededAt { get; set; }
    /// <summary>Who replaced it (sign-in name, as <see cref="UploadedBy"/>).</summary>
    public string? SupersededBy { get; set; }
}

/// <summary>
/// The bytes of an uploaded PDF when materials are kept in the app's database (the scale-out default): stored once per
/// content (materials with the same SHA-256 share it), so every app node serves every material without a shared disk
/// and a backup of the database holds them all.
/// </summary>
public sealed class MaterialContent
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public long Size { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>One line of a nomination's history: who did what, when, under which workflow version.</summary>
public sealed class NominationEvent
{
    public long Id { get; set; }
    public string NominationId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    /// <summary>提交, 通过, 退回修改, 阶段变更 …</summary>
    public string Action { get; set; } = "";
    public string? Stage { get; set; }
    public string? Comment { get; set; }
    public string? WorkflowDefinitionId { get; set; }
    public int? WorkflowVersion { get; set; }
    public string? TaskId { get; set; }
}
