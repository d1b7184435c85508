using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.Documents;

/// <summary>
/// Fixed sample data for the document tests, written straight into the app's database for year <see cref="Year"/> (no
/// other test files work in it): four submitted nominations and a draft in 歙县, one in 屯溪区, with completed city review,
/// on-site verification and recommendation decisions as the workflow would have projected them.
/// </summary>
internal static class DocumentSampleData
{
    public const int Year = 2024;
    public const string Shexian = "341021";
    public const string Tunxi = "341002";

    public const string InkWorks = "歙县徽墨绿色制造有限公司";
    public const string TeaCompany = "歙县新安茶业有限公司";
    public const string CityTierFactory = "歙县新安江纸业有限公司";
    public const string DraftFactory = "歙县未提交草稿砖瓦厂";
    public const string TunxiMachinery = "屯溪精工机械有限公司";
    public const string InkMaterialSha = "3f1c0a9e8d7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static NominationFixture? seededFor;

    /// <summary>Ids of the sample nominations by applicant name.</summary>
    public static Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    public static async Task EnsureAsync(NominationFixture app)
    {
        await Gate.WaitAsync();
        try
        {
            if (ReferenceEquals(seededFor, app)) return;
            Ids.Clear();
            var t0 = new DateTimeOffset(2024, 6, 20, 1, 0, 0, TimeSpan.Zero);
            await Add(app, Shexian, InkWorks, "91341021MA2N0INK01", "C2414", Tier.Province, EvaluationMode.ThirdParty, "安徽绿标评价中心", 91.5m, t0, rank: 2,
                review: "材料齐全，指标先进", verification: "现场情况与申报一致，能源计量完善");
            await Add(app, Shexian, TeaCompany, "91341021MA2N0TEA02", "C1530", Tier.Province, EvaluationMode.SelfEvaluation, null, 84m, t0.AddHours(1), rank: 1,
                review: "同意", verification: "通过");
            await Add(app, Shexian, CityTierFactory, "91341021MA2N0PAP03", "C2221", Tier.City, EvaluationMode.SelfEvaluation, null, 78m, t0.AddHours(2), rank: null,
                review: "同意", verification: "基本符合市级绿色工厂要求");
            await Add(app, Shexian, DraftFactory, "91341021MA2N0DRF04", "C3031", Tier.Province, EvaluationMode.SelfEvaluation, null, null, null, rank: null,
                review: null, verification: null);
            await Add(app, Tunxi, TunxiMachinery, "91341002MA2N0MAC05", "C3411", Tier.Province, EvaluationMode.ThirdParty, "黄山市节能监测所", 88m, t0.AddHours(3), rank: 3,
                review: "指标较好", verification: "通过");
            seededFor = app;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task Add(NominationFixture app, string district, string name, string creditCode, string industry, Tier tier, EvaluationMode mode,
        string? evaluator, decimal? score, DateTimeOffset? submitted, int? rank, string? review, string? verification)
    {
        var enterpriseId = Guid.CreateVersion7().ToString("N");
        var id = Guid.CreateVersion7().ToString("N");
        Ids[name] = id;
        await app.WithDbAsync(db =>
        {
            db.Enterprises.Add(new Enterprise
            {
                Id = enterpriseId, CreditCode = creditCode, Name = name, DistrictCode = district, IndustryCode = industry, Ownership = Ownership.民营,
                Address = $"黄山市{(district == Shexian ? "歙县" : "屯溪区")}示范路 8 号", PostalCode = "245200", LegalRepresentative = "汪建国", ContactName = "程晓梅",
                ContactPhone = "0559-6500000", ContactEmail = "green@example.cn", AnnualEnergyTce = 5200m, RegisteredCapital = 3000m,
                EstablishedOn = new DateOnly(2008, 3, 18), RegistrationAuthority = "黄山市市场监督管理局", CreatedAt = NominationFixture.Now,
                Certifications = [new Certification { Standard = "GB/T 19001", CertificateNumber = "00124Q31234R2M", ExpiresOn = new DateOnly(2026, 12, 31) }],
            });
            var nomination = new Nomination
            {
                Id = id, Type = NominationType.GreenFactory, TargetTier = tier, Year = Year, DistrictCode = district, EnterpriseId = enterpriseId,
                ApplicantName = name, EvaluationMode = mode, EvaluatorName = evaluator, Score = score,
                NegativeList = [.. Enumerable.Range(1, 6).Select(i => new NegativeListDeclaration { Item = i, Clear = true, Evidence = "信用中国查询无记录" })],
                Status = submitted is null ? NominationStatus.Draft : NominationStatus.InProgress,
                Stage = submitted is null ? StageNames.Draft : rank is null ? StageNames.OnSiteVerification : StageNames.ProvincialReview,
                SubmittedAt = submitted, RecommendationRank = rank, CreatedAt = NominationFixture.Now, CreatedBy = "test", UpdatedAt = NominationFixture.Now,
            };
            if (name == InkWorks)
                nomination.Materials.Add(new Material
                {
                    Id = Guid.CreateVersion7().ToString("N"), NominationId = id, Category = "评价报告", FileName = "徽墨绿色工厂评价报告.pdf", Size = 204800,
                    Sha256 = InkMaterialSha, UploadedAt = submitted!.Value, UploadedBy = "shexian",
                });
            db.Nominations.Add(nomination);
            if (submitted is not { } at) return;
            if (review is not null) db.ReviewTasks.Add(Task(id, district, name, StageNames.CityReview, FormKeys.Review, at.AddDays(3), "市级评审 张敏", review));
            if (verification is not null)
            {
                var verified = Task(id, district, name, StageNames.OnSiteVerification, FormKeys.Verification, at.AddDays(10), "核查组 李工", verification);
                verified.ChecklistAnswers = SampleChecklist;
                db.ReviewTasks.Add(verified);
            }
            if (rank is not null) db.ReviewTasks.Add(Task(id, district, name, StageNames.CityRecommendation, FormKeys.Recommendation, at.AddDays(15), "市级评审 张敏", null));
        });
    }

    /// <summary>The on-site checklist as the verifier answered it for every sample (two required items and an optional one).</summary>
    private static readonly List<ChecklistAnswer> SampleChecklist =
    [
        new("JC-01", "基础设施：现场无国家明令淘汰的落后生产工艺装备在用", true, ChecklistVerdicts.Conforms, null),
        new("GL-01", "管理体系：四项体系第三方认证证书有效并实际运行", true, ChecklistVerdicts.Conforms, "证书均在有效期内"),
        new("CP-01", "产品：生态设计与碳足迹核算", false, ChecklistVerdicts.NotApplicable, "产品为中间品"),
    ];

    private static ReviewTask Task(string nominationId, string district, string name, string stage, string formKey, DateTimeOffset completed, string by, string? comment) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"), NominationId = nominationId, WorkflowInstanceId = "sample-" + nominationId, WorkflowDefinitionId = "green-factory-nomination",
        WorkflowVersion = 1, ActivityId = stage, Title = stage, Stage = stage, AssigneeRole = "CityReviewer", DistrictCode = district, Outcomes = [ReviewOutcomes.Approve],
        FormKey = formKey, NominationType = NominationType.GreenFactory, Year = Year, ApplicantName = name, CreatedAt = completed.AddDays(-1),
        Status = ReviewTaskStatus.Completed, CompletedAt = completed, CompletedById = "sample", CompletedByName = by, Outcome = ReviewOutcomes.Approve, Comment = comment,
    };
}
