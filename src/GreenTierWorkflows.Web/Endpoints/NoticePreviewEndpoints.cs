using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>Notice templates for designers: the kinds, and each kind rendered with its sample model.</summary>
public static class NoticePreviewEndpoints
{
    public static IEndpointRouteBuilder MapNoticePreview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notices").RequireAuthorization("Designers");
        group.MapGet("/templates", () => Results.Ok(NoticeKinds.All));
        group.MapGet("/preview/{kind}", Preview);
        return app;
    }

    private static IResult Preview(string kind, NoticeRenderer renderer)
    {
        if (!NoticeKinds.All.Contains(kind))
            return Results.NotFound(new { error = $"未找到通知类型“{kind}”。可用类型见 /api/notices/templates。" });
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
