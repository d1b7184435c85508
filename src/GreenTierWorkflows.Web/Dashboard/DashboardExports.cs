using GreenTierWorkflows.Infrastructure.Spreadsheets;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Web.Endpoints;
using GreenTierWorkflows.Web.Exports;

namespace GreenTierWorkflows.Web.Dashboard;

/// <summary>
/// GET /exports/dashboard/{table}.xlsx?year=: one dashboard table (<see cref="DashboardService.TableAsync"/>) as a real Excel workbook with Chinese headers, in the
/// caller's scope (cookie sign-in; unauthenticated browsers are sent to the sign-in page).
/// </summary>
public static class DashboardExports
{
    public const string ContentType = XlsxExport.ContentType;

    public static IEndpointRouteBuilder MapDashboardExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/dashboard/{table}.xlsx", ExportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    public static string Url(string table, int year) => $"/exports/dashboard/{table}.xlsx?year={year}";

    private static async Task<IResult> ExportAsync(string table, int? year, SignedInOfficial who, DashboardService dashboard, TimeProvider clock, CancellationToken ct)
    {
        var chosen = await dashboard.TableAsync(who, year ?? ChinaTime.CurrentYear(clock), table, ct);
        if (chosen.Error is { } refused) return ProblemResults.From(refused);
        var (report, found) = chosen.Value;
        var columns = found.Columns.Select((c, i) => new SpreadsheetColumn<DashboardRow>(c.Header, row => row.Cells[i])).ToList();
        return await XlsxExport.FileAsync(found.Rows, columns, found.Title, $"{report.ScopeName}{report.Year}年-{found.Title}.xlsx", ct);
    }
}
