namespace GreenTierWorkflows.Domain.Notices;

/// <summary>
/// The notice kinds; each is a template set in <c>templates/</c> (<c>{kind}.subject.sbn</c>, <c>.html.sbn</c>, <c>.text.sbn</c>).
/// Every model carries <c>recipient_name</c> and <c>app_url</c>; the other fields are listed per kind.
/// </summary>
public static class NoticeKinds
{
    /// <summary>申报窗口开启, one digest per district and batch of windows opening together: year, district_name, window_count, windows (list of type_name, tier_name, opens_at, closes_at, district_deadline).</summary>
    public const string WindowOpened = "window-opened";
    /// <summary>截止提醒 to districts that have not filed: year, type_name, tier_name, district_name, district_deadline, days_left, missing (list of text).</summary>
    public const string DeadlineReminder = "deadline-reminder";
    /// <summary>待办任务: task_title, stage, applicant_name, type_name, tier_name, district_name, due_at, task_url.</summary>
    public const string TaskAssigned = "task-assigned";
    /// <summary>任务逾期 to the assignee: same fields as task-assigned plus overdue_days.</summary>
    public const string TaskOverdue = "task-overdue";
    /// <summary>任务逾期 to the supervisor after the grace period: task-overdue fields plus assignee_role.</summary>
    public const string TaskOverdueEscalation = "task-overdue-escalation";
    /// <summary>退回修改 (the only mail of a return): applicant_name, type_name, tier_name, stage, reasons, reviewer_name, nomination_url, task_url (the revision task), due_at.</summary>
    public const string ReturnedForRevision = "returned-for-revision";
    /// <summary>各级结果: applicant_name, type_name, tier_name, result (「通过，已列入省级绿色工厂名单」 / 「未通过（市级评审）」), comment, nomination_url.</summary>
    public const string DecisionResult = "decision-result";
    /// <summary>公示开始: applicant_name, type_name, level_name, starts_on, ends_on, working_days.</summary>
    public const string PublicNoticeStarted = "public-notice-started";
    /// <summary>公示结束: applicant_name, type_name, level_name, ends_on, objections (number), result.</summary>
    public const string PublicNoticeEnded = "public-notice-ended";
    /// <summary>动态管理表 due: applicant_name, type_name, tier_name, year, due_on.</summary>
    public const string AnnualReportDue = "annual-report-due";
    /// <summary>复审 due: applicant_name, type_name, tier_name, listed_on, review_due_on.</summary>
    public const string ReviewDue = "review-due";
    /// <summary>撤销: applicant_name, type_name, tier_name, reason, revoked_on.</summary>
    public const string ListingRevoked = "listing-revoked";
    /// <summary>培育对象证书将于窗口前到期, to the district: member_name, district_name, certificate_name, expires_evidence, year, tier_name, opens_on, ends_on, other_tiers (list of text), member_url.</summary>
    public const string CertificateExpiring = "certificate-expiring";
    /// <summary>培育库月度差距汇总, to the district: district_name, month, year, member_count, tiers (list of tier_name, ready, gaps, not_eligible, listed), members (list of member_name, cells, gap_count, gaps (list of text), open_follow_ups, overdue_follow_ups, unassigned, overdue (list of text)), readiness_url.</summary>
    public const string ReadinessDigest = "readiness-digest";

    public static readonly IReadOnlyList<string> All =
    [
        WindowOpened, DeadlineReminder, TaskAssigned, TaskOverdue, TaskOverdueEscalation, ReturnedForRevision,
        DecisionResult, PublicNoticeStarted, PublicNoticeEnded, AnnualReportDue, ReviewDue, ListingRevoked,
        CertificateExpiring, ReadinessDigest,
    ];
}
