namespace GreenTierWorkflows.Domain.Activities;

/// <summary>The workflow effects the nomination activities emit (applied by the application after each committed step).</summary>
public static class EffectKinds
{
    public const string TaskOpened = "review-task.opened";
    public const string TaskCompleted = "review-task.completed";
    public const string StatusChanged = "nomination.status";
    public const string PublicNoticeStarted = "public-notice.started";
    public const string PublicNoticeEnded = "public-notice.ended";
    public const string Notice = "notice";
    public const string ListingChanged = "listing.changed";
}

/// <summary>The outcomes a review task can offer (its ports in Studio).</summary>
public static class ReviewOutcomes
{
    public const string Approve = "通过";
    public const string Return = "退回修改";
    public const string Reject = "不通过";
    public const string Resubmit = "重新提交";

    public static readonly string[] All = [Approve, Return, Reject, Resubmit];
}
