using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Audit;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>
/// The security-audit line of a declaration-window change (修改申报窗口), made by <see cref="WindowService"/> for the API and
/// the windows page alike: the window, each value that changed (before → after, China time), or why it was refused.
/// </summary>
internal static class WindowAudit
{
    /// <summary>The window's values as labelled text, to compare before and after.</summary>
    public static IReadOnlyList<(string Label, string Value)> Values(DeclarationWindow w) =>
    [
        ("开启", ChinaTime.Minute(w.OpensAt)),
        ("关闭", ChinaTime.Minute(w.ClosesAt)),
        ("区县报送截止", ChinaTime.Minute(w.DistrictDeadline)),
        ("提醒（截止前天数）", string.Join("、", w.ReminderOffsetsDays)),
        ("公示（工作日）", w.PublicNoticeWorkingDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>An accepted change (<paramref name="before"/> null: the window was created) or a refused one.</summary>
    public static AuditRecord Record(Official official, string? target, DeclarationWindow? window, IReadOnlyList<(string Label, string Value)>? before, DomainError? refused)
    {
        var name = window is null ? "" : $"{window.Year} 年{DomainText.Of(window.Tier)}{DomainText.Of(window.Type)}窗口";
        string detail;
        if (refused is not null) detail = $"{name}{(name.Length > 0 ? "：" : "")}未保存，{refused.Message}";
        else if (before is null) detail = $"新建{name}：{string.Join("；", Values(window!).Select(v => $"{v.Label} {v.Value}"))}";
        else
        {
            var changes = Values(window!).Zip(before, (after, old) => (after.Label, Old: old.Value, New: after.Value))
                .Where(c => c.Old != c.New).Select(c => $"{c.Label} {c.Old} → {c.New}").ToList();
            detail = $"{name}：{(changes.Count == 0 ? "无变化" : string.Join("；", changes))}";
        }
        return new AuditRecord(AuditActions.WindowChanged, target, detail, refused is null) { ActorId = official.UserId, ActorName = official.UserName };
    }

}
