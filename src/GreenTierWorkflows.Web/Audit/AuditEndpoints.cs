using GreenTierWorkflows.Infrastructure.Spreadsheets;
using System.Globalization;
using GreenTierWorkflows.Application.Audit;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Web.Dashboard;
using GreenTierWorkflows.Web.Endpoints;
using GreenTierWorkflows.Web.Exports;

namespace GreenTierWorkflows.Web.Audit;

/// <summary>
/// The security audit for administrators: <c>GET /api/audit</c> (one page, newest first) and
/// <c>GET /exports/audit.xlsx</c> (every filtered row, Chinese headers, China time), both taking the query string of
/// <see cref="AuditFilter"/>. Other roles get 403; a filter value that does not parse is a 400 naming the field.
/// </summary>
public static class AuditEndpoints
{
    public const string ExportPath = "/exports/audit.xlsx";

    /// <summary>The export's columns, in order: Chinese header and the cell of an entry.</summary>
    public static readonly IReadOnlyList<(string Header, Func<AuditEntry, object?> Cell)> Columns =
    [
        ("编号", e => e.Id),
        ("时间（北京时间）", e => ChinaTime(e.At)),
        ("操作", e => AuditActions.DisplayName(e.Action)),
        ("结果", e => ResultText(e.Succeeded)),
        ("账号", e => e.ActorName),
        ("账号ID", e => e.ActorId),
        ("来源地址", e => e.ClientAddress),
        ("对象", e => e.Target),
        ("详情", e => e.Detail),
    ];

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).RequireAuthorization("Admins").WithTags("安全审计").WithName("ListAudit")
            .WithSummary("安全审计（管理员）：按时间、操作、账号、来源地址、结果筛选，最新的在前").ProducesValidationProblem();
        // Any signed-in account reaches the handler (a browser without a sign-in goes to the login page); only administrators get the file.
        app.MapGet(ExportPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The export link for a filter.</summary>
    public static string ExportUrl(AuditFilter filter) => filter.ToQueryString() is { Length: > 0 } q ? $"{ExportPath}?{q}" : ExportPath;

    /// <summary>China time to the second, as the page and the workbook show it.</summary>
    public static string ChinaTime(DateTimeOffset at) => Domain.Calendar.ChinaTime.Second(at);

    public static string ResultText(bool succeeded) => succeeded ? "成功" : "失败";

    private static AuditFilter Parse(HttpRequest request, out Dictionary<string, string[]> errors) =>
        AuditFilter.Parse(key => request.Query[key].FirstOrDefault(), out errors);

    private static async Task<IResult> ListAsync(HttpRequest request, SignedInOfficial who, AuditTrail trail, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = Parse(request, out var errors);
        var paging = PageRequest.Read(page, pageSize, (field, message) => errors[field] = [message]);
        if (errors.Count > 0) return ProblemResults.Invalid(errors);
        var found = await trail.PageAsync(who, filter, paging.Page - 1, paging.PageSize, ct);
        if (found.Error is { } refused) return ProblemResults.From(refused);
        return TypedResults.Ok(paging.Of(found.Value.Items.Select(AuditView.From).ToList(), found.Value.Total));
    }

    private static async Task<IResult> ExportAsync(HttpRequest request, SignedInOfficial who, AuditTrail trail, TimeProvider clock, CancellationToken ct)
    {
        var listed = await trail.ExportAsync(who, key => request.Query[key].FirstOrDefault(), ct);
        if (listed.Error is { } refused) return ProblemResults.From(refused);
        var stamp = Domain.Calendar.ChinaTime.Format(clock.GetUtcNow(), "yyyyMMdd-HHmmss");
        return await XlsxExport.FileAsync(listed.Value!, Columns.Select(c => new SpreadsheetColumn<AuditEntry>(c.Header, c.Cell)).ToList(), "安全审计",
            $"安全审计-{stamp}.xlsx", ct);
    }
}
