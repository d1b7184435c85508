using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>Notice templates for designers: the kinds, and each kind rendered with its sample model.</summary>
public static class NoticePreviewEndpoints
{
    public static IEndpointRouteBuilder MapNoticePreview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notices").RequireAuthorization("Designers").WithTags("通知模板");
        group.MapGet("/templates", ListTemplates).WithName("ListNoticeTemplates").WithSummary("通知类型").ProducesValidationProblem();
        group.MapGet("/preview/{kind}", Preview).WithName("PreviewNotice").WithSummary("用示例数据渲染一种通知").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult ListTemplates(int? page, int? pageSize) =>
        Paging.TryRead(page, pageSize, out var paging, out var problem) ? TypedResults.Ok(paging.Slice(NoticeKinds.All.ToList())) : problem!;

    private static IResult Preview(string kind, NoticeRenderer renderer)
    {
        if (!NoticeKinds.All.Contains(kind))
            return ProblemResults.NotFound($"未找到通知类型“{kind}”。可用类型见 /api/notices/templates。");
        try
        {
            var rendered = renderer.Render(kind, NoticeSamples.For(kind));
            return Results.Ok(new { subject = rendered.Subject, html = rendered.Html, text = rendered.Text });
        }
        catch (Exception ex) when (ex is NoticeRenderException or NoticeTemplateException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError, title: "通知模板渲染失败");
        }
    }
}
