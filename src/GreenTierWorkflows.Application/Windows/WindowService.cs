using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Windows;

/// <summary>
/// 申报窗口: every official reads the year's windows; administrators create them and change their dates, reminders and
/// 公示 length. The API and the windows page both come here, so each attempt to create or change a window is audited
/// once (<see cref="WindowAudit"/>), with what changed or why it was refused; a refused request leaves the windows as they were.
/// </summary>
public sealed class WindowService(GreenTierDbContext db, TimeProvider clock, IAuditLog audit)
{
    private const string AdminsOnly = "只有系统管理员可以修改申报窗口。";
    private const string ChangedMeanwhile = "窗口已被他人修改，请刷新后重试。";

    /// <summary>The windows of a year (all years when null), by type and tier; everyone may read them.</summary>
    public async Task<DomainResult<IReadOnlyList<WindowView>>> ListAsync(int? year, CancellationToken ct = default)
    {
        var q = db.DeclarationWindows.AsNoTracking();
        if (year is { } y) q = q.Where(w => w.Year == y);
        var now = clock.GetUtcNow();
        var items = await q.ToListAsync(ct);
        IReadOnlyList<WindowView> views = items.OrderBy(w => w.Year).ThenBy(w => w.Type).ThenBy(w => w.Tier).Select(w => WindowView.From(w, now)).ToList();
        return DomainResult<IReadOnlyList<WindowView>>.Success(views);
    }

    /// <summary>Creates the window of a year, type and tier (administrators); one window per year, type and tier.</summary>
    public async Task<DomainResult<WindowView>> CreateAsync(Official official, WindowInput input, CancellationToken ct = default)
    {
        var window = new DeclarationWindow { Id = Guid.CreateVersion7().ToString("N") };
        var error = official.IsInRole(Roles.Admin) ? Validate(input, window, creating: true) : DomainError.Forbidden(AdminsOnly);
        if (error is null && await db.DeclarationWindows.AnyAsync(w => w.Year == window.Year && w.Type == window.Type && w.Tier == window.Tier, ct))
            error = DomainError.Conflict($"{window.Year} 年度{DomainText.Of(window.Tier)}{DomainText.Of(window.Type)}申报窗口已存在，请修改它。");
        if (error is null)
        {
            window.UpdatedAt = clock.GetUtcNow();
            db.DeclarationWindows.Add(window);
            await db.SaveChangesAsync(ct);
        }
        // A refused creation names the window only when its fields were valid (e.g. it exists already).
        await audit.RecordAsync(WindowAudit.Record(official, error is null ? window.Id : null, window.Year > 0 ? window : null, null, error), ct);
        return error is null ? WindowView.From(window, clock.GetUtcNow()) : error;
    }

    /// <summary>
    /// Sets up a year's missing windows from the year before (administrators): each type and tier the earlier year has
    /// and this year lacks gets the same dates one year later (China time), reminders and 公示 length, for the
    /// administrator to adjust. Windows the year already has are left alone; all are created together or none.
    /// </summary>
    public async Task<DomainResult<IReadOnlyList<WindowView>>> CopyFromPreviousYearAsync(Official official, int year, CancellationToken ct = default)
    {
        DomainError? error = official.IsInRole(Roles.Admin) ? null : DomainError.Forbidden(AdminsOnly);
        if (error is null && year is not (>= 2001 and <= 2100)) error = DomainError.Invalid("year", "请填写年度（2001–2100）。");
        List<DeclarationWindow> created = [];
        if (error is null)
        {
            var windows = await db.DeclarationWindows.Where(w => w.Year == year || w.Year == year - 1).ToListAsync(ct);
            var previous = windows.Where(w => w.Year == year - 1).ToList();
            var existing = windows.Where(w => w.Year == year).Select(w => (w.Type, w.Tier)).ToHashSet();
            created = previous.Where(p => !existing.Contains((p.Type, p.Tier))).Select(p => NextYearOf(p, year)).ToList();
            if (previous.Count == 0) error = DomainError.Conflict($"{year - 1} 年度没有申报窗口可参照，请逐个新建 {year} 年度的窗口。");
            else if (created.Count == 0) error = DomainError.Conflict($"{year} 年度已设置 {year - 1} 年度有的全部申报窗口，无需再设置。");
        }
        if (error is null)
        {
            db.DeclarationWindows.AddRange(created);
            await db.SaveChangesAsync(ct);
            foreach (var window in created) await audit.RecordAsync(WindowAudit.Record(official, window.Id, window, null, null), ct);
            IReadOnlyList<WindowView> views = created.OrderBy(w => w.Type).ThenBy(w => w.Tier).Select(w => WindowView.From(w, clock.GetUtcNow())).ToList();
            return DomainResult<IReadOnlyList<WindowView>>.Success(views);
        }
        await audit.RecordAsync(WindowAudit.Record(official, null, null, null, error), ct);
        return error;
    }

    private DeclarationWindow NextYearOf(DeclarationWindow previous, int year)
    {
        var years = year - previous.Year;
        DateTimeOffset Later(DateTimeOffset at) => ChinaTime.Of(at).AddYears(years);
        return new DeclarationWindow
        {
            Id = Guid.CreateVersion7().ToString("N"), Year = year, Type = previous.Type, Tier = previous.Tier,
            OpensAt = Later(previous.OpensAt), ClosesAt = Later(previous.ClosesAt), DistrictDeadline = Later(previous.DistrictDeadline),
            ReminderOffsetsDays = [.. previous.ReminderOffsetsDays], PublicNoticeWorkingDays = previous.PublicNoticeWorkingDays,
            UpdatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Changes a window's dates, reminders and 公示 length (administrators); a refused change leaves it as it was.</summary>
    public async Task<DomainResult<WindowView>> UpdateAsync(Official official, string id, WindowInput input, CancellationToken ct = default)
    {
        var window = await db.DeclarationWindows.FirstOrDefaultAsync(w => w.Id == id, ct);
        var before = window is null ? null : WindowAudit.Values(window);
        var error = await ChangeAsync(official, window, input, ct);
        await audit.RecordAsync(WindowAudit.Record(official, id, window, before, error), ct);
        return error is null ? WindowView.From(window!, clock.GetUtcNow()) : error;
    }

    private async Task<DomainError?> ChangeAsync(Official official, DeclarationWindow? window, WindowInput input, CancellationToken ct)
    {
        if (!official.IsInRole(Roles.Admin)) return DomainError.Forbidden(AdminsOnly);
        if (window is null) return DomainError.NotFound("申报窗口");
        if (input.Revision is { } revision && revision != window.Revision) return DomainError.Conflict(ChangedMeanwhile);
        if (Validate(input, window, creating: false) is { } error) return error;
        window.UpdatedAt = clock.GetUtcNow();
        window.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DomainError.Conflict(ChangedMeanwhile);
        }
        return null;
    }

    /// <summary>Checks every field first and changes <paramref name="window"/> only when all are valid.</summary>
    private static DomainError? Validate(WindowInput input, DeclarationWindow window, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        var opens = input.OpensAt ?? (creating ? null : window.OpensAt);
        var closes = input.ClosesAt ?? (creating ? null : window.ClosesAt);
        var deadline = input.DistrictDeadline ?? (creating ? null : window.DistrictDeadline);
        // A new window starts from the entity's defaults (reminders 7, 3, 1 days ahead; 5 working days of 公示).
        var offsets = input.ReminderOffsetsDays ?? window.ReminderOffsetsDays;
        var noticeDays = input.PublicNoticeWorkingDays ?? window.PublicNoticeWorkingDays;
        if (creating)
        {
            if (input.Year is not (>= 2000 and <= 2100)) Fail("year", "请填写年度（2000–2100）。");
            if (input.Type is null) Fail("type", "请选择申报类型。");
            if (input.Tier is null) Fail("tier", "请选择层级。");
        }
        if (opens is null) Fail("opensAt", "请填写开启时间。");
        if (closes is null) Fail("closesAt", "请填写关闭时间。");
        if (deadline is null) Fail("districtDeadline", "请填写区县报送截止时间。");
        if (opens is not null && closes is not null && closes <= opens) Fail("closesAt", "关闭时间必须晚于开启时间。");
        if (opens is not null && deadline is not null && deadline <= opens) Fail("districtDeadline", "区县报送截止时间必须晚于开启时间。");
        if (offsets.Any(d => d is < 1 or > 60) || offsets.Distinct().Count() != offsets.Count) Fail("reminderOffsetsDays", "提醒天数应为 1–60 之间且互不相同的整数。");
        if (noticeDays is < 1 or > 30) Fail("publicNoticeWorkingDays", "公示天数应在 1–30 个工作日之间。");
        if (errors.Count > 0) return DomainError.Invalid(errors);
        if (creating) (window.Year, window.Type, window.Tier) = (input.Year!.Value, input.Type!.Value, input.Tier!.Value);
        (window.OpensAt, window.ClosesAt, window.DistrictDeadline) = (opens!.Value, closes!.Value, deadline!.Value);
        window.ReminderOffsetsDays = offsets.OrderDescending().ToList();
        window.PublicNoticeWorkingDays = noticeDays;
        return null;
    }
}
