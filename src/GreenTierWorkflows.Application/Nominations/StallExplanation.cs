namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// 为何停滞: where a nomination waits now and what moves it on — the step (its Chinese stage name), who holds it (role,
/// unit, who claimed it), since when, due when and how far overdue, what is still missing, and the action that moves it
/// (with a link when the viewer is the one who can act). A finished nomination has <see cref="Finished"/> set and nothing
/// waiting.
/// </summary>
/// <param name="Headline">One Chinese sentence saying where it stands, e.g. 「等待市级评审（已逾期 3 天）」.</param>
/// <param name="Stage">The step it waits at (a name of the stage catalogue, or 市级公示 / 国家级公示 while a 公示 runs).</param>
/// <param name="HolderRoleName">Who holds it: the role's Chinese name (市级评审, 现场核查组 …).</param>
/// <param name="HolderUnitName">The holder's unit (歙县工信局, 黄山市工信局, 安徽省工信厅 …).</param>
/// <param name="ClaimedBy">Who claimed the task, if anyone.</param>
/// <param name="Since">Since when it waits there.</param>
/// <param name="DueAt">When the step is due (a task's deadline, a 公示's end).</param>
/// <param name="WaitingDays">Days waited so far (three decimals; pages show it with <see cref="Dashboard.WaitText"/>).</param>
/// <param name="OverdueDays">Days past the deadline (calendar days, as the tasks' deadlines count), 0 when not overdue.</param>
/// <param name="RemainingWorkingDays">Working days left of a running 公示 (公示 periods count working days).</param>
/// <param name="Missing">What is still missing before it can move (materials, a window, a quota decision …), in Chinese.</param>
/// <param name="Action">The action that moves it, one Chinese sentence.</param>
/// <param name="ActionLink">Where the viewer acts (the task, or the nomination page for a draft), when the viewer can act.</param>
public sealed record StallExplanation(
    string NominationId,
    bool Finished,
    string Headline,
    string? Stage,
    string? HolderRole,
    string? HolderRoleName,
    string? HolderUnitName,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? Since,
    DateTimeOffset? DueAt,
    double? WaitingDays,
    int OverdueDays,
    int? RemainingWorkingDays,
    IReadOnlyList<string> Missing,
    string Action,
    string? TaskId,
    string? ActionLink)
{
    public bool Overdue => OverdueDays > 0;
}
