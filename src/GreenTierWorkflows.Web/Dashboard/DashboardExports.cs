using System.Data;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Web.Endpoints;
using MiniExcelLibs;

namespace GreenTierWorkflows.Web.Dashboard;

/// <summary>
/// GET /exports/dashboard/{table}.xlsx?year=: one dashboard table (<see cref="DashboardService.TableAsync"/>) as a real Excel workbook with Chinese headers, in the
/// caller's scope (cookie sign-in; unauthenticated browsers are sent to the sign-in page).
/// </summary>
public static class DashboardExports
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(ToDataTable(found), sheetName: found.Title.Length > 31 ? found.Title[..31] : found.Title, excelType: ExcelType.XLSX, cancellationToken: ct);
        return TypedResults.File(stream.ToArray(), ContentType, $"{report.ScopeName}{report.Year}年-{found.Title}.xlsx");
    }

    private static DataTable ToDataTable(DashboardTable table)
    {
        var data = new DataTable(table.Key);
        foreach (var column in table.Columns) data.Columns.Add(column.Header, typeof(object));
        foreach (var row in table.Rows) data.Rows.Add([.. row.Cells]);
        return data;
    }
}
