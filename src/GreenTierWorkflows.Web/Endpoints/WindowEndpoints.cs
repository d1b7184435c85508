using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>申报窗口: every official reads the year's windows; administrators create and edit dates, reminders and 公示 length.</summary>
public static class WindowEndpoints
{
    public static IEndpointRouteBuilder MapWindowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/windows").RequireAuthorization().WithTags("申报窗口");
        group.MapGet("", GetWindowsAsync).WithName("ListWindows").WithSummary("年度申报窗口").ProducesValidationProblem();
        group.MapPost("", CreateAsync).RequireAuthorization("Admins").WithName("CreateWindow").WithSummary("新建申报窗口（管理员）");
        group.MapPut("/{id}", PutAsync).RequireAuthorization("Admins").WithName("UpdateWindow").WithSummary("修改窗口日期、提醒与公示天数（管理员）");
        return app;
    }

    private static async Task<IResult> GetWindowsAsync(GreenTierDbContext db, TimeProvider clock, int? year, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        return TypedResults.Ok(paging.Slice(await ListAsync(db, clock, year, ct)));
    }

    private static Task<IResult> PutAsync(SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, IAuditLog audit, string id, WindowInput input, CancellationToken ct) =>
        UpdateAsync(who, db, clock, audit, id, input, ct);

    /// <summary>The windows of a year (all years when null), by type and tier; everyone may read them.</summary>
    internal static async Task<List<WindowView>> ListAsync(GreenTierDbContext db, TimeProvider clock, int? year, CancellationToken ct)
    {
        var q = db.DeclarationWindows.AsNoTracking();
        if (year is { } y) q = q.Where(w => w.Year == y);
        var now = clock.GetUtcNow();
        var items = await q.ToListAsync(ct);
        return items.OrderBy(w => w.Year).ThenBy(w => w.Type).ThenBy(w => w.Tier).Select(w => WindowView.From(w, now)).ToList();
    }

    private static async Task<IResult> CreateAsync(SignedInOfficial who, GreenTierDbContext db, TimeProvider clock, IAuditLog audit, WindowInput input, CancellationToken ct)
    {
        Official official = who;
        var window = new DeclarationWindow { Id = Guid.CreateVersion7().ToString("N") };
        var error = Validate(input, window, creating: true);
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
        return error is null ? TypedResults.Created($"/api/windows/{window.Id}", WindowView.From(window, clock.GetUtcNow())) : ProblemResults.From(error);
    }

    /// <summary>
    /// Changes a window's dates, reminders and 公示 length (administrators); a refused change leaves it as it was. The API
    /// and the windows page both come here, so each attempt is audited once, with what changed or why it was refused.
    /// </summary>
    internal static async Task<IResult> UpdateAsync(Official official, GreenTierDbContext db, TimeProvider clock, IAuditLog audit, string id, WindowInput input, CancellationToken ct)
    {
        var window = await db.DeclarationWindows.FirstOrDefaultAsync(w => w.Id == id, ct);
        var before = window is null ? null : WindowAudit.Values(window);
        var error = await ChangeAsync(official, db, clock, window, input, ct);
        await audit.RecordAsync(WindowAudit.Record(official, id, window, before, error), ct);
        return error is null ? TypedResults.Ok(WindowView.From(window!, clock.GetUtcNow())) : ProblemResults.From(error);
    }

    private static async Task<DomainError?> ChangeAsync(Official official, GreenTierDbContext db, TimeProvider clock, DeclarationWindow? window, WindowInput input, CancellationToken ct)
    {
        if (!official.IsInRole(Roles.Admin)) return DomainError.Forbidden("只有系统管理员可以修改申报窗口。");
        if (window is null) return DomainError.NotFound("申报窗口");
        if (input.Revision is { } revision && revision != window.Revision)
            return DomainError.Conflict("窗口已被他人修改，请刷新后重试。");
        if (Validate(input, window, creating: false) is { } error) return error;
        window.UpdatedAt = clock.GetUtcNow();
        window.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DomainError.Conflict("窗口已被他人修改，请刷新后重试。");
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
        var offsets = input.ReminderOffsetsDays ?? (creating ? [7, 3, 1] : window.ReminderOffsetsDays);
        var noticeDays = input.PublicNoticeWorkingDays ?? (creating ? 5 : window.PublicNoticeWorkingDays);
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
