using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>A realistic model for every notice kind (used by tests, the preview endpoint and the benchmark). Each call returns a fresh object.</summary>
public static class NoticeSamples
{
    public const string AppUrl = "https://greentier.huangshan.example";

    public static JsonObject For(string kind) => kind switch
    {
        NoticeKinds.WindowOpened => Model("歙县经信局 王晓明", new()
        {
            ["year"] = 2026, ["district_name"] = "歙县", ["window_count"] = 3,
            ["windows"] = new JsonArray(
                OpenedWindow("绿色工厂", "市级", "2026年4月30日 17:30", "2026年4月15日 17:30"),
                OpenedWindow("绿色工厂", "省级", "2026年5月31日 17:30", "2026年5月15日 17:30"),
                OpenedWindow("绿色工业园区", "省级", "2026年5月31日 17:30", "2026年5月15日 17:30")),
        }),
        NoticeKinds.DeadlineReminder => Model("歙县经信局 王晓明", new()
        {
            ["year"] = 2026, ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["district_name"] = "歙县",
            ["district_deadline"] = "2026年4月15日", ["days_left"] = 3,
            ["missing"] = new JsonArray("黄山某某茶业有限公司：自评价报告", "歙县徽墨制品厂：第三方评价报告", "区县推荐汇总表"),
        }),
        NoticeKinds.TaskAssigned => Model("歙县经信局 李娟", TaskFields()),
        NoticeKinds.TaskOverdue => Model("歙县经信局 李娟", With(TaskFields(), ("overdue_days", 2))),
        NoticeKinds.TaskOverdueEscalation => Model("歙县经信局局长 张建国", With(TaskFields(), ("overdue_days", 5), ("assignee_role", "区县初审员"))),
        NoticeKinds.ReturnedForRevision => Model("歙县经信局 王晓明", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["stage"] = "市级评审",
            ["reasons"] = "1. 能源消耗数据缺少2025年第四季度台账；\n2. 第三方评价报告未加盖评价机构公章。", ["reviewer_name"] = "市经信局 赵敏",
            ["nomination_url"] = AppUrl + "/nominations/2026-GF-0012", ["task_url"] = AppUrl + "/tasks/9c1e2b", ["due_at"] = "2026年4月20日 17:30",
        }),
        NoticeKinds.DecisionResult => Model("黄山某某茶业有限公司 陈芳", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["tier_name"] = "省级",
            ["result"] = "通过，已列入市级绿色工厂名单", ["comment"] = "材料齐全，节能降碳成效明显，同意推荐至省级。", ["nomination_url"] = AppUrl + "/nominations/2026-GF-0012",
        }),
        NoticeKinds.PublicNoticeStarted => Model("黄山某某茶业有限公司 陈芳", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["level_name"] = "市级",
            ["starts_on"] = "2026年5月11日", ["ends_on"] = "2026年5月15日", ["working_days"] = 5,
        }),
        NoticeKinds.PublicNoticeEnded => Model("黄山某某茶业有限公司 陈芳", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["level_name"] = "市级",
            ["ends_on"] = "2026年5月15日", ["objections"] = 0, ["result"] = "公示无异议，予以认定",
        }),
        NoticeKinds.AnnualReportDue => Model("黄山某某茶业有限公司 陈芳", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["tier_name"] = "市级", ["year"] = 2025, ["due_on"] = "2026年3月31日",
        }),
        NoticeKinds.ReviewDue => Model("黄山某某茶业有限公司 陈芳", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["tier_name"] = "省级",
            ["listed_on"] = "2023年6月20日", ["review_due_on"] = "2026年6月20日",
        }),
        NoticeKinds.ListingRevoked => Model("休宁县某某化工有限公司 刘强", new()
        {
            ["applicant_name"] = "休宁县某某化工有限公司", ["type_name"] = "绿色工厂", ["tier_name"] = "市级",
            ["reason"] = "发生较大环境污染事故，不再符合绿色工厂条件", ["revoked_on"] = "2026年8月3日",
        }),
        NoticeKinds.CertificateExpiring => Model("屯溪区经信局 李娟", new()
        {
            ["member_name"] = "黄山市屯溪徽韵漆器有限公司", ["district_name"] = "屯溪区", ["certificate_name"] = "GB/T 45001 职业健康安全管理体系认证",
            ["expires_evidence"] = "GB/T 45001 证书（12024S0563R1M） 2027-05-01 到期，早于市级申报窗口开启（2027-05-10）。",
            ["year"] = 2027, ["tier_name"] = "市级", ["opens_on"] = "2027-05-10", ["ends_on"] = "2027-05-31",
            ["other_tiers"] = new JsonArray("省级（申报窗口 2027-06-11 开启）"), ["member_url"] = AppUrl + "/readiness?member=pm-0031",
        }),
        NoticeKinds.ReadinessDigest => Model("屯溪区经信局 李娟", new()
        {
            ["district_name"] = "屯溪区", ["month"] = "2027年3月", ["year"] = 2027, ["member_count"] = 3,
            ["tiers"] = new JsonArray(
                DigestTier("市级", 1, 1, 1, 0), DigestTier("省级", 0, 1, 2, 0), DigestTier("国家级", 0, 0, 3, 0)),
            ["members"] = new JsonArray(
                new JsonObject
                {
                    ["member_name"] = "黄山市屯溪徽韵漆器有限公司", ["cells"] = "市级 差 1 项；省级 不符合条件；国家级 不符合条件", ["gap_count"] = 2,
                    ["gaps"] = new JsonArray("GB/T 45001 职业健康安全管理体系认证（窗口前到期）", "已列入市级名单（缺失）"),
                    ["open_follow_ups"] = 1, ["overdue_follow_ups"] = 1, ["unassigned"] = 1,
                    ["overdue"] = new JsonArray("GB/T 45001 职业健康安全管理体系认证：李科长，应于 2027-02-28 完成，已逾期 1 天"),
                },
                new JsonObject
                {
                    ["member_name"] = "黄山市屯溪精工汽车零部件有限公司", ["cells"] = "市级 不符合条件；省级 不符合条件；国家级 不符合条件", ["gap_count"] = 1,
                    ["gaps"] = new JsonArray("负面清单（近 3 年）（缺失）"), ["open_follow_ups"] = 0, ["overdue_follow_ups"] = 0, ["unassigned"] = 1,
                    ["overdue"] = new JsonArray(),
                }),
            ["readiness_url"] = AppUrl + "/readiness",
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "未知的通知类型"),
    };

    private static JsonObject TaskFields() => new()
    {
        ["task_title"] = "黄山某某茶业有限公司：区县初审", ["stage"] = "区县初审", ["applicant_name"] = "黄山某某茶业有限公司",
        ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["district_name"] = "歙县", ["due_at"] = "2026年4月10日 17:30",
        ["task_url"] = AppUrl + "/tasks/7f3a9c",
    };

    private static JsonObject OpenedWindow(string type, string tier, string closesAt, string districtDeadline) => new()
    {
        ["type_name"] = type, ["tier_name"] = tier, ["opens_at"] = "2026年3月1日 09:00", ["closes_at"] = closesAt, ["district_deadline"] = districtDeadline,
    };

    private static JsonObject DigestTier(string tier, int ready, int gaps, int notEligible, int listed) => new()
    {
        ["tier_name"] = tier, ["ready"] = ready, ["gaps"] = gaps, ["not_eligible"] = notEligible, ["listed"] = listed,
    };

    private static JsonObject With(JsonObject model, params (string Key, JsonNode? Value)[] extra)
    {
        foreach (var (key, value) in extra) model[key] = value;
        return model;
    }

    private static JsonObject Model(string recipientName, JsonObject fields)
    {
        fields["recipient_name"] = recipientName;
        fields["app_url"] = AppUrl;
        return fields;
    }
}
