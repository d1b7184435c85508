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
            ["year"] = 2026, ["type_name"] = "绿色工厂", ["tier_name"] = "市级",
            ["opens_at"] = "2026年3月1日 09:00", ["closes_at"] = "2026年4月30日 17:30", ["district_deadline"] = "2026年4月15日",
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
        NoticeKinds.ReturnedForRevision => Model("黄山某某茶业有限公司 陈芳", new()
        {
            ["applicant_name"] = "黄山某某茶业有限公司", ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["stage"] = "区县初审",
            ["reasons"] = "1. 能源消耗数据缺少2025年第四季度台账；\n2. 第三方评价报告未加盖评价机构公章。", ["reviewer_name"] = "歙县经信局 李娟",
            ["nomination_url"] = AppUrl + "/nominations/2026-GF-0012",
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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "未知的通知类型"),
    };

    private static JsonObject TaskFields() => new()
    {
        ["task_title"] = "黄山某某茶业有限公司：区县初审", ["stage"] = "区县初审", ["applicant_name"] = "黄山某某茶业有限公司",
        ["type_name"] = "绿色工厂", ["tier_name"] = "省级", ["district_name"] = "歙县", ["due_at"] = "2026年4月10日 17:30",
        ["task_url"] = AppUrl + "/tasks/7f3a9c",
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
