using GreenTierWorkflows.Application.Messages;
using GreenTierWorkflows.Application.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>消息中心 over HTTP (<see cref="MessageCentre"/>): the signed-in official's own messages, one read, all read.</summary>
public static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/messages").RequireAuthorization().WithTags("消息中心");
        group.MapGet("", ListAsync).WithName("ListMessages")
            .WithSummary("我的消息，最新的在前（unread=true 只列未读；未读数即其 total）");
        group.MapPost("/{id}/read", ReadAsync).WithName("ReadMessage").WithSummary("打开一条消息（正文与邮件相同），并标为已读");
        group.MapPost("/read-all", ReadAllAsync).WithName("ReadAllMessages").WithSummary("全部标为已读");
        return app;
    }

    private static async Task<Results<Ok<PageOf<MessageView>>, ValidationProblem, ProblemHttpResult>> ListAsync(SignedInOfficial who, MessageCentre messages,
        bool? unread, int? page, int? pageSize, CancellationToken ct) =>
        (await messages.ListAsync(who, unread == true, page, pageSize, ct)).ToOk();

    private static async Task<Results<Ok<MessageDetail>, ProblemHttpResult>> ReadAsync(SignedInOfficial who, MessageCentre messages, string id,
        CancellationToken ct) =>
        (await messages.OpenAsync(who, id, ct)).ToFound();

    private static async Task<Results<Ok<MessagesRead>, ValidationProblem, ProblemHttpResult>> ReadAllAsync(SignedInOfficial who, MessageCentre messages,
        CancellationToken ct) =>
        (await messages.MarkAllReadAsync(who, ct)).ToOk();
}
