using System.Globalization;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Officials;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Documents;

/// <summary>The data of each document kind, as the JSON model its template reads (snake_case keys).</summary>
public sealed partial class DocumentService
{
    /// <summary>The 汇总表's columns (domain.md §2).</summary>
    public static readonly IReadOnlyList<string> DistrictHeaders = ["序号", "县区", "企业名称", "评价机构", "所属行业"];

    /// <summary>The 推荐汇总表's columns.</summary>
    public static readonly IReadOnlyList<string> CityHeaders = ["排名", "县区", "企业名称", "所属行业", "评价机构", "评价得分", "市级评审意见", "现场核查结果"];

    private const string None = "—";

    private async Task<JsonObject> ApplicationFormModelAsync(Nomination n, CancellationToken ct)
    {
        var profile = await nominations.ApplicantProfileAsync(n, ct);
        var e = profile.Enterprise;
        var certifications = new JsonArray();
        foreach (var c in e?.Certifications.OrderBy(c => c.Standard, StringComparer.Ordinal) ?? Enumerable.Empty<Certification>())
            certifications.Add(new JsonObject { ["standard"] = c.Standard, ["number"] = c.CertificateNumber ?? None, ["expires_on"] = ChineseDate(c.ExpiresOn) });
        var negative = new JsonArray();
        for (var i = 0; i < NegativeList.Items.Count; i++)
        {
            var declared = n.NegativeList.FirstOrDefault(d => d.Item == i + 1);
            negative.Add(new JsonObject
            {
                ["item"] = i + 1, ["text"] = NegativeList.Items[i],
                ["answer"] = declared is null ? "未填报" : declared.Clear ? "否（不存在）" : "是（存在）",
                ["evidence"] = declared?.Evidence ?? "",
            });
        }
        var materials = new JsonArray();
        foreach (var m in n.CurrentMaterials.OrderBy(m => m.UploadedAt).ThenBy(m => m.Id, StringComparer.Ordinal))
            materials.Add(new JsonObject { ["category"] = m.Category, ["file_name"] = m.FileName, ["size_kb"] = Math.Ceiling(m.Size / 1024.0).ToString(CultureInfo.InvariantCulture), ["sha256"] = m.Sha256 });
        return WithNomination(n, new JsonObject
        {
            ["credit_code"] = e?.CreditCode ?? None,
            ["address"] = e?.Address ?? profile.Park?.Address ?? None,
            ["postal_code"] = e?.PostalCode ?? None,
            ["registration_authority"] = e?.RegistrationAuthority ?? None,
            ["established_on"] = e?.EstablishedOn is { } est ? ChineseDate(est) : None,
            ["registered_capital"] = e?.RegisteredCapital is { } cap ? $"{cap.ToString("0.##", CultureInfo.InvariantCulture)} 万元" : None,
            ["industry"] = e is null ? None : IndustryNames.Describe(e.IndustryCode),
            ["ownership"] = e?.Ownership.ToString() ?? None,
            ["legal_representative"] = e?.LegalRepresentative ?? None,
            ["contact_name"] = e?.ContactName ?? profile.Park?.ManagerName ?? None,
            ["contact_phone"] = e?.ContactPhone ?? None,
            ["contact_email"] = e?.ContactEmail ?? None,
            ["energy_tce"] = Number(e?.AnnualEnergyTce),
            ["key_energy_user"] = e?.IsKeyEnergyUser == true ? "是" : "否",
            ["water_withdrawal"] = Number(e?.WaterWithdrawal),
            ["solid_waste_percent"] = Number(e?.SolidWasteUtilisationPercent),
            ["renewable_percent"] = Number(e?.RenewableEnergyPercent),
            ["evaluation_mode"] = DomainText.Of(n.EvaluationMode),
            ["evaluator"] = Evaluator(n),
            ["standard_version"] = n.StandardVersion,
            ["score"] = Number(n.Score),
            ["status"] = DomainText.Of(n.Status),
            ["stage"] = n.Stage,
            ["submitted_on"] = n.SubmittedAt is { } s ? ChineseDate(ChinaTime.DayOf(s)) : "未提交",
            ["certifications"] = certifications,
            ["negative_list"] = negative,
            ["materials"] = materials,
        });
    }

    /// <summary>Adds what every paper of one nomination names: id, year, type, tier, district, applicant.</summary>
    private static JsonObject WithNomination(Nomination n, JsonObject model)
    {
        model["nomination_id"] = n.Id;
        model["year"] = n.Year;
        model["type_name"] = DomainText.Of(n.Type);
        model["tier_name"] = DomainText.Of(n.TargetTier);
        model["district_name"] = HuangshanUnits.NameOf(n.DistrictCode);
        model["applicant_name"] = n.ApplicantName;
        return model;
    }

    private async Task<JsonObject?> VerificationRecordModelAsync(Nomination n, CancellationToken ct)
    {
        var tasks = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.NominationId == n.Id && t.FormKey == FormKeys.Verification && t.Status == ReviewTaskStatus.Completed).ToListAsync(ct);
        var task = tasks.OrderByDescending(t => t.CompletedAt).FirstOrDefault();
        if (task is null) return null;
        var profile = await nominations.ApplicantProfileAsync(n, ct);
        return WithNomination(n, new JsonObject
        {
            ["credit_code"] = profile.Enterprise?.CreditCode ?? None,
            ["address"] = profile.Enterprise?.Address ?? profile.Park?.Address ?? None,
            ["stage"] = task.Stage,
            ["verifier"] = task.CompletedByName ?? None,
            ["verified_on"] = task.CompletedAt is { } at ? ChineseDate(ChinaTime.DayOf(at)) : None,
            ["outcome"] = task.Outcome ?? None,
            ["findings"] = string.IsNullOrWhiteSpace(task.Comment) ? "（无）" : task.Comment,
            // The on-site checklist as answered (none for a verification recorded before the checklist existed).
            ["checklist"] = new JsonArray(task.ChecklistAnswers.Select((a, i) => (JsonNode)new JsonObject
            {
                ["number"] = i + 1, ["code"] = a.Code, ["text"] = a.Text, ["kind"] = a.Required ? "必核" : "选核",
                ["verdict"] = a.Verdict, ["note"] = a.Note ?? "",
            }).ToArray()),
            ["checklist_summary"] = ChecklistSummary(task.ChecklistAnswers),
        });
    }

    /// <summary>「共 8 项：符合 7 项，不适用 1 项」, or empty when the record has no checklist.</summary>
    private static string ChecklistSummary(IReadOnlyList<ChecklistAnswer> answers) =>
        answers.Count == 0 ? "" : $"共 {answers.Count} 项：{Tasks.ChecklistRules.Summary(answers, answers.Count)}";

    private async Task<List<DistrictSummaryRow>> DistrictRowsAsync(Official who, string district, int year, NominationType type, CancellationToken ct)
    {
        var list = await db.Nominations.AsNoTracking().VisibleTo(who)
            .Where(n => n.DistrictCode == district && n.Year == year && n.Type == type && n.SubmittedAt != null && n.Status != NominationStatus.Withdrawn)
            .ToListAsync(ct);
        var industries = await IndustriesAsync(list, ct);
        var districtName = HuangshanUnits.NameOf(district);
        return list.OrderBy(n => n.SubmittedAt).ThenBy(n => n.ApplicantName, StringComparer.Ordinal)
            .Select((n, i) => new DistrictSummaryRow(i + 1, districtName, n.ApplicantName, Evaluator(n), industries.GetValueOrDefault(n.Id, None)))
            .ToList();
    }

    private async Task<JsonObject> DistrictRecommendationModelAsync(string district, int year, NominationType type, List<DistrictSummaryRow> rows, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == district, ct);
        var items = new JsonArray();
        foreach (var r in rows)
            items.Add(new JsonObject { ["number"] = r.Number, ["district"] = r.District, ["applicant"] = r.Applicant, ["evaluator"] = r.Evaluator, ["industry"] = r.Industry });
        return new JsonObject
        {
            ["year"] = year,
            ["type_name"] = DomainText.Of(type),
            ["district_name"] = HuangshanUnits.NameOf(district),
            ["district_bureau"] = unit?.BureauName ?? HuangshanUnits.NameOf(district),
            ["city_bureau"] = await CityBureauAsync(ct),
            ["count"] = rows.Count,
            ["rows"] = items,
        };
    }

    private async Task<List<CityRecommendationRow>> CityRowsAsync(int year, CancellationToken ct)
    {
        var recommended = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.Year == year && t.FormKey == FormKeys.Recommendation && t.Status == ReviewTaskStatus.Completed && t.Outcome == ReviewOutcomes.Approve)
            .Select(t => new { t.NominationId, t.CompletedAt }).ToListAsync(ct);
        var ids = recommended.Select(r => r.NominationId).Distinct().ToList();
        var list = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(ct);
        var decisions = await db.ReviewTasks.AsNoTracking()
            .Where(t => ids.Contains(t.NominationId) && t.Status == ReviewTaskStatus.Completed && (t.FormKey == FormKeys.Review || t.FormKey == FormKeys.Verification))
            .Select(t => new { t.NominationId, t.FormKey, t.Stage, t.Outcome, t.Comment, t.CompletedAt }).ToListAsync(ct);
        var industries = await IndustriesAsync(list, ct);
        var completed = recommended.GroupBy(r => r.NominationId).ToDictionary(g => g.Key, g => g.Max(r => r.CompletedAt));
        string Latest(string id, string formKey)
        {
            var d = decisions.Where(x => x.NominationId == id && x.FormKey == formKey && (formKey != FormKeys.Review || x.Stage == StageNames.CityReview))
                .OrderByDescending(x => x.CompletedAt).FirstOrDefault();
            return d is null ? None : string.IsNullOrWhiteSpace(d.Comment) ? d.Outcome ?? None : $"{d.Outcome}：{d.Comment}";
        }
        return list
            .OrderBy(n => n.RecommendationRank ?? int.MaxValue).ThenBy(n => completed.GetValueOrDefault(n.Id)).ThenBy(n => n.Id, StringComparer.Ordinal)
            .Take(nominationOptions.QuotaFor(year))
            .Select((n, i) => new CityRecommendationRow(i + 1, HuangshanUnits.NameOf(n.DistrictCode), n.ApplicantName, industries.GetValueOrDefault(n.Id, None),
                Evaluator(n), n.Score, Latest(n.Id, FormKeys.Review), Latest(n.Id, FormKeys.Verification), DomainText.Of(n.Type)))
            .ToList();
    }

    /// <summary>The city bureau's name as the units table holds it (data: the 2025 notices say 工信局, older ones 经信局).</summary>
    private async Task<string> CityBureauAsync(CancellationToken ct) =>
        (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == HuangshanUnits.CityCode, ct))?.BureauName
        ?? HuangshanUnits.Seed.First(u => u.Code == HuangshanUnits.CityCode).BureauName;

    private JsonObject CityRecommendationModel(int year, List<CityRecommendationRow> rows, string cityBureau)
    {
        var items = new JsonArray();
        foreach (var r in rows)
            items.Add(new JsonObject
            {
                ["rank"] = r.Rank, ["district"] = r.District, ["applicant"] = r.Applicant, ["industry"] = r.Industry, ["evaluator"] = r.Evaluator,
                ["score"] = Number(r.Score), ["city_review"] = r.CityReview, ["on_site"] = r.OnSite,
            });
        return new JsonObject
        {
            ["year"] = year,
            ["city_bureau"] = cityBureau,
            ["quota"] = nominationOptions.QuotaFor(year),
            ["count"] = rows.Count,
            ["contact_name"] = options.ContactName,
            ["contact_phone"] = options.ContactPhone,
            ["rows"] = items,
        };
    }

    private async Task<List<PublicNoticeRow>> PublicNoticeRowsAsync(int year, CancellationToken ct)
    {
        var provincial = await CityRowsAsync(year, ct);
        var passedOnSite = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.Year == year && t.FormKey == FormKeys.Verification && t.Status == ReviewTaskStatus.Completed && t.Outcome == ReviewOutcomes.Approve)
            .Select(t => t.NominationId).Distinct().ToListAsync(ct);
        var cityTier = await db.Nominations.AsNoTracking()
            .Where(n => passedOnSite.Contains(n.Id) && n.TargetTier == Tier.City && n.Status != NominationStatus.Withdrawn && n.Status != NominationStatus.Rejected)
            .ToListAsync(ct);
        var rows = new List<PublicNoticeRow>();
        foreach (var r in provincial) rows.Add(new PublicNoticeRow(rows.Count + 1, r.District, r.Applicant, r.TypeName, "拟推荐申报省级"));
        foreach (var n in cityTier.OrderBy(n => n.DistrictCode, StringComparer.Ordinal).ThenBy(n => n.ApplicantName, StringComparer.Ordinal))
            rows.Add(new PublicNoticeRow(rows.Count + 1, HuangshanUnits.NameOf(n.DistrictCode), n.ApplicantName, DomainText.Of(n.Type), "拟列入市级名单"));
        return rows;
    }

    private JsonObject PublicNoticeModel(int year, List<PublicNoticeRow> rows, DateOnly first, DateOnly last, string cityBureau)
    {
        var items = new JsonArray();
        foreach (var r in rows)
            items.Add(new JsonObject { ["number"] = r.Number, ["district"] = r.District, ["applicant"] = r.Applicant, ["type_name"] = r.TypeName, ["proposal"] = r.Proposal });
        return new JsonObject
        {
            ["year"] = year,
            ["city_bureau"] = cityBureau,
            ["count"] = rows.Count,
            ["working_days"] = options.PublicNoticeWorkingDays,
            ["start_date"] = ChineseDate(first),
            ["end_date"] = ChineseDate(last),
            ["contact_name"] = options.ContactName,
            ["contact_phone"] = options.ContactPhone,
            ["objection_channel"] = options.ObjectionChannel,
            ["rows"] = items,
        };
    }

    /// <summary>所属行业 per nomination id (enterprises only; a park shows its type).</summary>
    private async Task<Dictionary<string, string>> IndustriesAsync(List<Nomination> list, CancellationToken ct)
    {
        var enterpriseIds = list.Where(n => n.EnterpriseId != null).Select(n => n.EnterpriseId!).Distinct().ToList();
        var codes = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id)).Select(e => new { e.Id, e.IndustryCode }).ToDictionaryAsync(e => e.Id, e => e.IndustryCode, ct);
        return list.ToDictionary(n => n.Id, n => n.EnterpriseId is { } id && codes.TryGetValue(id, out var code) ? IndustryNames.Describe(code) : n.ParkId is not null ? "工业园区" : None);
    }

    /// <summary>评价机构: the third party's name, or "无" when self-evaluated (domain.md §2); the ranking screen shows the same.</summary>
    internal static string Evaluator(Nomination n) =>
        n.EvaluationMode == EvaluationMode.ThirdParty && !string.IsNullOrWhiteSpace(n.EvaluatorName) ? n.EvaluatorName : "无";

    private static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : None;
}
