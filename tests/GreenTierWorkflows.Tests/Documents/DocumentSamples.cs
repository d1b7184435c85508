using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Documents;

namespace GreenTierWorkflows.Tests.Documents;

/// <summary>A fixed model per document kind (the keys the app's DocumentService hands the templates), for the golden renderings.</summary>
internal static class DocumentSamples
{
    private static JsonObject Common(JsonObject model)
    {
        model["stamp"] = "由 歙县工信局 王芳（shexian）于 2026-06-15 10:00 生成 · 第 1 版 · 数据版本 0123456789abcdef";
        model["generated_on"] = "2026年6月15日";
        model["document_title"] = "样例文书";
        return model;
    }

    private static JsonArray Rows(params JsonObject[] rows) => new(rows.Select(r => (JsonNode)r).ToArray());

    public static JsonObject For(string kind) => kind switch
    {
        DocumentKinds.ApplicationForm => Common(new JsonObject
        {
            ["nomination_id"] = "n-sample", ["year"] = 2026, ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["district_name"] = "歙县",
            ["applicant_name"] = "歙县徽墨<绿色>制造有限公司", ["credit_code"] = "91341021MA2N0INK01", ["address"] = "黄山市歙县示范路 8 号", ["postal_code"] = "245200",
            ["registration_authority"] = "黄山市市场监督管理局", ["established_on"] = "2008年3月18日", ["registered_capital"] = "3000 万元",
            ["industry"] = "文教、工美、体育和娱乐用品制造业（C2414）", ["ownership"] = "民营", ["legal_representative"] = "汪建国", ["contact_name"] = "程晓梅",
            ["contact_phone"] = "0559-6500000", ["contact_email"] = "green@example.cn", ["energy_tce"] = "5200", ["key_energy_user"] = "否",
            ["water_withdrawal"] = "—", ["solid_waste_percent"] = "96.5", ["renewable_percent"] = "12", ["evaluation_mode"] = "第三方评价",
            ["evaluator"] = "安徽绿标评价中心", ["standard_version"] = "GB/T 36132-2025", ["score"] = "91.5", ["status"] = "办理中", ["stage"] = "市级评审",
            ["submitted_on"] = "2026年6月11日",
            ["certifications"] = Rows(new JsonObject { ["standard"] = "GB/T 19001", ["number"] = "00124Q31234R2M", ["expires_on"] = "2026年12月31日" }),
            ["negative_list"] = Rows(new JsonObject { ["item"] = 1, ["text"] = "未正常经营", ["answer"] = "否（不存在）", ["evidence"] = "信用中国查询无记录" }),
            ["materials"] = Rows(new JsonObject { ["category"] = "评价报告", ["file_name"] = "评价报告.pdf", ["size_kb"] = "200", ["sha256"] = new string('a', 64) }),
        }),
        DocumentKinds.DistrictRecommendation => Common(new JsonObject
        {
            ["year"] = 2026, ["type_name"] = "绿色工厂", ["district_name"] = "歙县", ["district_bureau"] = "歙县工信局", ["city_bureau"] = "黄山市工信局", ["count"] = 2,
            ["rows"] = Rows(
                new JsonObject { ["number"] = 1, ["district"] = "歙县", ["applicant"] = "歙县徽墨绿色制造有限公司", ["evaluator"] = "安徽绿标评价中心", ["industry"] = "C2414" },
                new JsonObject { ["number"] = 2, ["district"] = "歙县", ["applicant"] = "歙县新安茶业有限公司", ["evaluator"] = "无", ["industry"] = "C1530" }),
        }),
        DocumentKinds.CityRecommendation => Common(new JsonObject
        {
            ["year"] = 2026, ["city_bureau"] = "黄山市工信局", ["quota"] = 9, ["count"] = 1, ["contact_name"] = "市工信局节能与综合利用科", ["contact_phone"] = "0559-0000000",
            ["rows"] = Rows(new JsonObject
            {
                ["rank"] = 1, ["district"] = "歙县", ["applicant"] = "歙县新安茶业有限公司", ["industry"] = "C1530", ["evaluator"] = "无", ["score"] = "84",
                ["city_review"] = "通过：同意", ["on_site"] = "通过",
            }),
        }),
        DocumentKinds.PublicNotice => Common(new JsonObject
        {
            ["year"] = 2026, ["city_bureau"] = "黄山市工信局", ["count"] = 1, ["working_days"] = 5, ["start_date"] = "2026年7月13日", ["end_date"] = "2026年7月17日",
            ["contact_name"] = "市工信局节能与综合利用科", ["contact_phone"] = "0559-0000000", ["objection_channel"] = "书面异议请寄送至市工信局。",
            ["rows"] = Rows(new JsonObject { ["number"] = 1, ["district"] = "歙县", ["applicant"] = "歙县新安茶业有限公司", ["type_name"] = "绿色工厂", ["proposal"] = "拟推荐申报省级" }),
        }),
        DocumentKinds.VerificationRecord => Common(new JsonObject
        {
            ["nomination_id"] = "n-sample", ["year"] = 2026, ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["district_name"] = "歙县",
            ["applicant_name"] = "歙县徽墨绿色制造有限公司", ["credit_code"] = "91341021MA2N0INK01", ["address"] = "黄山市歙县示范路 8 号", ["stage"] = "现场核查",
            ["verifier"] = "核查组 李工", ["verified_on"] = "2026年6月30日", ["outcome"] = "通过", ["findings"] = "现场情况与申报一致。",
            ["checklist"] = new JsonArray(
                new JsonObject { ["number"] = 1, ["code"] = "GL-01", ["text"] = "管理体系：四项体系认证有效并运行", ["kind"] = "必核", ["verdict"] = "符合", ["note"] = "" },
                new JsonObject { ["number"] = 2, ["code"] = "CP-01", ["text"] = "产品：生态设计与碳足迹", ["kind"] = "选核", ["verdict"] = "不适用", ["note"] = "中间品" }),
            ["checklist_summary"] = "共 2 项：符合 1 项，不适用 1 项",
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no sample"),
    };
}
