using GreenTierWorkflows.Application.Windows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>申报窗口 over HTTP: every official reads the year's windows; administrators create and edit them (<see cref="WindowService"/>).</summary>
public static class WindowEndpoints
{
    public static IEndpointRouteBuilder MapWindowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/windows").RequireAuthorization().WithTags("申报窗口");
        group.MapGet("", GetWindowsAsync).WithName("ListWindows").WithSummary("年度申报窗口").ProducesValidationProblem();
        group.MapPost("", CreateAsync).RequireAuthorization("Admins").WithName("CreateWindow").WithSummary("新建申报窗口（管理员）");
        group.MapPost("/years/{year:int}/from-previous", CopyFromPreviousYearAsync).RequireAuthorization("Admins")
            .WithName("CopyWindowsFromPreviousYear").WithSummary("按上一年度设置本年度缺少的申报窗口（管理员）");
        group.MapPut("/{id}", PutAsync).RequireAuthorization("Admins").WithName("UpdateWindow").WithSummary("修改窗口日期、提醒与公示天数（管理员）");
        return app;
    }

    private static async Task<IResult> GetWindowsAsync(WindowService windows, int? year, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var listed = await windows.ListAsync(year, ct);
        return listed.Ok ? TypedResults.Ok(paging.Slice(listed.Value!)) : ProblemResults.From(listed.Error!);
    }

    private static async Task<Results<Created<WindowView>, ValidationProblem, ProblemHttpResult>> CreateAsync(SignedInOfficial who, WindowService windows,
        WindowInput input, CancellationToken ct) =>
        (await windows.CreateAsync(who, input, ct)).ToCreated(w => $"/api/windows/{w.Id}");

    private static async Task<Results<Ok<IReadOnlyList<WindowView>>, ValidationProblem, ProblemHttpResult>> CopyFromPreviousYearAsync(SignedInOfficial who,
        WindowService windows, int year, CancellationToken ct) =>
        (await windows.CopyFromPreviousYearAsync(who, year, ct)).ToOk();

    private static async Task<Results<Ok<WindowView>, ValidationProblem, ProblemHttpResult>> PutAsync(SignedInOfficial who, WindowService windows, string id,
        WindowInput input, CancellationToken ct) =>
        (await windows.UpdateAsync(who, id, input, ct)).ToOk();
}
