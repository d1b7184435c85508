using GreenTierWorkflows.Infrastructure.Spreadsheets;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Web.Endpoints;
using static GreenTierWorkflows.Web.Exports.XlsxExport;

namespace GreenTierWorkflows.Web.Exports;

/// <summary>
/// <c>GET /exports/nominations.xlsx</c> and <c>GET /exports/pools.xlsx</c>: the 申报管理 and 培育库 lists in the caller's
/// scope with the filters of the page's URL (the same query string), every matching row in the list's order, streamed
/// from the database into the workbook (<see cref="XlsxExport"/>). A filter value outside its rule is the list's 400.
/// </summary>
public static class ListExports
{
    public const string NominationsPath = "/exports/nominations.xlsx";
    public const string PoolsPath = "/exports/pools.xlsx";

    private static readonly IReadOnlyList<SpreadsheetColumn<NominationListRow>> NominationColumns =
    [
        new("申报对象", n => n.ApplicantName),
        new("统一社会信用代码", n => n.CreditCode),
        new("申报类型", n => DomainText.Of(n.Type)),
        new("目标层级", n => DomainText.Of(n.TargetTier)),
        new("年度", n => n.Year),
        new("区县", n => HuangshanUnits.NameOf(n.DistrictCode)),
        new("状态", n => DomainText.Of(n.Status)),
        new("当前环节", n => n.Stage),
        new("自评得分", n => n.Score),
        new("创建时间（北京时间）", n => ChinaTime.Minute(n.CreatedAt)),
        new("提交时间（北京时间）", n => n.SubmittedAt is { } at ? ChinaTime.Minute(at) : ""),
        new("申报编号", n => n.Id),
    ];

    private static readonly IReadOnlyList<SpreadsheetColumn<PoolMemberDto>> PoolColumns =
    [
        new("名称", m => m.MemberName),
        new("区县", m => m.DistrictName),
        new("年度", m => m.Year),
        new("培育方向", m => m.TargetTypeName),
        new("已列入名单", m => m.ListedTierName is { } tier ? $"{tier}名单" : ""),
        new("申报中（环节）", m => m.OpenNominationStage),
        new("状态", m => m.IsActive ? "在库" : "已出库"),
        new("入库时间（北京时间）", m => ChinaTime.Day(m.EnrolledAt)),
        new("出库时间（北京时间）", m => m.ExitedAt is { } at ? ChinaTime.Day(at) : ""),
        new("出库原因", m => m.ExitReason),
        new("培育指导意见", m => m.GuidanceNotes),
    ];

    public static IEndpointRouteBuilder MapListExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(NominationsPath, NominationsAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet(PoolsPath, PoolsAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> NominationsAsync(SignedInOfficial who, NominationService nominations, [AsParameters] NominationListQuery query,
        CancellationToken ct)
    {
        var found = nominations.Search(who, query);
        if (found.Error is { } refused) return ProblemResults.From(refused);
        var rows = nominations.ListRows(found.Value!).AsEnumerable();
        return await FileAsync(rows, NominationColumns, "申报列表", $"申报列表-{ScopeName(who, query.District)}{YearText(query.Year)}.xlsx", ct);
    }

    private static async Task<IResult> PoolsAsync(SignedInOfficial who, CultivationPool pool, [AsParameters] PoolListQuery query, CancellationToken ct)
    {
        var found = pool.Search(who, query);
        if (found.Error is { } refused) return ProblemResults.From(refused);
        var rows = pool.WithStanding(found.Value!).AsEnumerable().Select(r => r.ToDto());
        return await FileAsync(rows, PoolColumns, "培育库", $"培育库-{ScopeName(who, query.District)}{YearText(query.Year)}.xlsx", ct);
    }

    private static string ScopeName(Official who, string? district) =>
        HuangshanUnits.NameOf(!string.IsNullOrWhiteSpace(district) ? district.Trim() : who.IsCityWide ? HuangshanUnits.CityCode : who.Jurisdiction ?? "");

    private static string YearText(int? year) => year is { } y ? $"{y}年" : "";
}
