namespace GreenTierWorkflows.Domain.Audit;

/// <summary>
/// What the security audit (安全审计) records. Stored as these codes; <see cref="DisplayName"/> gives the Chinese label
/// the administrators' audit page and export show.
/// </summary>
public static class AuditActions
{
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignInThrottled = "SignInThrottled";
    public const string SignOut = "SignOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string AccountCreated = "AccountCreated";
    public const string AccountChanged = "AccountChanged";
    public const string AccountDisabled = "AccountDisabled";
    public const string AccountEnabled = "AccountEnabled";
    public const string PasswordReset = "PasswordReset";
    public const string WorkflowPublished = "WorkflowPublished";
    public const string WorkflowRetracted = "WorkflowRetracted";
    public const string WorkflowDeleted = "WorkflowDeleted";
    public const string WindowChanged = "WindowChanged";
    public const string OutboxRequeued = "OutboxRequeued";
    public const string TaskDecided = "TaskDecided";
    public const string DraftDeleted = "DraftDeleted";
    public const string NominationEdited = "NominationEdited";
    public const string EnterpriseEdited = "EnterpriseEdited";
    public const string RequestRefused = "RequestRefused";

    public static readonly string[] All =
    [
        SignIn, SignInFailed, LockedOut, SignInThrottled, SignOut, PasswordChanged, AccountCreated, AccountChanged, AccountDisabled,
        AccountEnabled, PasswordReset, WorkflowPublished, WorkflowRetracted, WorkflowDeleted, WindowChanged, OutboxRequeued, TaskDecided, DraftDeleted, NominationEdited,
        EnterpriseEdited, RequestRefused,
    ];

    public static string DisplayName(string action) => action switch
    {
        SignIn => "登录成功",
        SignInFailed => "登录失败",
        LockedOut => "账号锁定",
        SignInThrottled => "登录限流",
        SignOut => "退出登录",
        PasswordChanged => "修改密码",
        AccountCreated => "创建账号",
        AccountChanged => "修改账号",
        AccountDisabled => "停用账号",
        AccountEnabled => "启用账号",
        PasswordReset => "重置密码",
        WorkflowPublished => "发布工作流",
        WorkflowRetracted => "撤回工作流",
        WorkflowDeleted => "删除工作流",
        WindowChanged => "修改申报窗口",
        DraftDeleted => "删除申报草稿",
        NominationEdited => "修改申报信息",
        EnterpriseEdited => "修改企业信息",
        OutboxRequeued => "重新投递通知",
        TaskDecided => "办理待办",
        RequestRefused => "拒绝请求",
        _ => action,
    };
}
