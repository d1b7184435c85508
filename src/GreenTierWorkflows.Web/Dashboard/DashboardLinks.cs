using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Web.Components.Shared;

namespace GreenTierWorkflows.Web.Dashboard;

/// <summary>
/// Where a dashboard figure clicks through to: the list filters that already live in the URL — 申报管理
/// (<c>/nominations?year=&amp;stage=&amp;district=&amp;status=</c>) for nominations, 我的待办 (<c>/tasks?year=&amp;stage=&amp;district=</c>) for
/// waiting tasks when the viewer's role holds them (otherwise the nominations at that step, which the viewer can see).
/// </summary>
public sealed class DashboardLinks(DashboardReport report, Official viewer)
{
    /// <summary>The link of one cell, or null when the cell is not a figure to follow.</summary>
    public string? Of(DashboardTable table, DashboardRow row, DashboardColumn column) => table.Key switch
    {
        DashboardTables.Funnel => row.Key switch
        {
            DashboardService.Submitted => Nominations(null, null),
            DashboardService.Listed => Nominations(null, null, NominationStatus.Listed),
            _ => column.Key is "waiting" or "overdue" ? Waiting(row.Key, null, column.Key == "overdue") : Nominations(row.Key, null),
        },
        DashboardTables.Bottlenecks => Waiting(row.Key, null, column.Key == "overdue"),
        DashboardTables.StageDistricts when column.Key != "district" && row.Cells[table.Columns.ToList().IndexOf(column)] is string { Length: > 0 } =>
            Nominations(column.Key, row.Key),
        _ => null,
    };

    /// <summary>
    /// The open (or only the overdue) tasks of a step: the viewer's inbox when a role of the viewer holds them, else the
    /// nominations at the step (申报管理 has no deadline filter: the overdue ones are among them).
    /// </summary>
    public string Waiting(string stage, string? district, bool overdue = false)
    {
        var holders = report.Stages.FirstOrDefault(s => s.Stage == stage)?.Roles ?? [];
        return holders.Any(viewer.IsInRole)
            ? "/tasks" + ListUrl.Query([new("year", report.Year), new("stage", stage), new("district", district), new("overdue", overdue ? "true" : null)])
            : Nominations(stage, district);
    }

    public string Nominations(string? stage, string? district, NominationStatus? status = null) =>
        "/nominations" + ListUrl.Query([new("year", report.Year), new("stage", stage), new("district", district), new("status", status?.ToString())]);
}
