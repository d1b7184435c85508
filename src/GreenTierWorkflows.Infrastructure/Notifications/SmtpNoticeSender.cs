using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>Creates the SMTP client for one delivery (a seam for tests).</summary>
public interface ISmtpClientFactory
{
    ISmtpClient Create();
}

public sealed class MailKitSmtpClientFactory(IOptions<NoticeOptions> options) : ISmtpClientFactory
{
    public ISmtpClient Create() => new SmtpClient { Timeout = options.Value.Smtp.TimeoutSeconds * 1000 };
}

/// <summary>Sends an <see cref="OutboxNotice"/> (as rendered when queued, else rendered now) through SMTP (MailKit) as multipart/alternative text + HTML.</summary>
public sealed class SmtpNoticeSender(NoticeRenderer renderer, ISmtpClientFactory clients, IOptions<NoticeOptions> options)
{
    private readonly NoticeOptions settings = options.Value;

    /// <summary>
    /// The message for a notice: the subject, text and HTML rendered when it was queued — the same the 消息中心 shows, and what
    /// was true then, even if a template has been edited since —, or, for a notice stored without them (queued before they were
    /// kept, or not renderable then), rendered now with the templates as they are. Throws <see cref="NoticeRenderException"/>
    /// when the model does not fit the template.
    /// </summary>
    public MimeMessage BuildMessage(OutboxNotice notice)
    {
        var rendered = notice is { RenderedSubject: { } subject, RenderedText: { } text, RenderedHtml: { } html }
            ? new RenderedNotice(subject, html, text) : RenderNow(notice);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(notice.RecipientName, notice.RecipientEmail));
        message.Subject = rendered.Subject;
        message.MessageId = notice.MessageId;
        message.Date = notice.CreatedAt;
        message.Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody();
        return message;
    }

    private RenderedNotice RenderNow(OutboxNotice notice)
    {
        JsonObject model;
        try
        {
            model = JsonNode.Parse(notice.ModelJson) as JsonObject ?? throw new NoticeRenderException($"通知 {notice.Id} 的模型不是 JSON 对象");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new NoticeRenderException($"通知 {notice.Id} 的模型不是有效的 JSON: {ex.Message}", ex);
        }
        if (!model.ContainsKey("recipient_name")) model["recipient_name"] = notice.RecipientName;
        return renderer.Render(notice.Kind, model);
    }

    public async Task SendAsync(OutboxNotice notice, CancellationToken ct = default)
    {
        var message = BuildMessage(notice);
        using var client = clients.Create();
        var smtp = settings.Smtp;
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
