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

    /// <summary>Sends one notice on a connection of its own (connect, authenticate, send, QUIT).</summary>
    public async Task SendAsync(OutboxNotice notice, CancellationToken ct = default)
    {
        await using var session = OpenSession();
        await session.SendAsync(notice, ct);
    }

    /// <summary>A session that sends many notices on one SMTP connection, opened on the first send (see <see cref="SmtpNoticeSession"/>).</summary>
    public SmtpNoticeSession OpenSession() => new(this, clients, settings.Smtp);
}

/// <summary>
/// One SMTP connection reused for consecutive notices: connected (and authenticated) on the first <see cref="SendAsync"/>,
/// closed with QUIT on dispose. After a send that leaves the connection broken, the next send connects again. When the
/// server cannot be reached — connect or authentication fails — <see cref="SendAsync"/> throws
/// <see cref="SmtpUnreachableException"/>, so a caller can stop rather than try every further notice against a dead server.
/// </summary>
public sealed class SmtpNoticeSession : IAsyncDisposable
{
    private readonly SmtpNoticeSender _sender;
    private readonly ISmtpClientFactory _clients;
    private readonly SmtpOptions _smtp;
    private ISmtpClient? _client;

    internal SmtpNoticeSession(SmtpNoticeSender sender, ISmtpClientFactory clients, SmtpOptions smtp)
    {
        _sender = sender;
        _clients = clients;
        _smtp = smtp;
    }

    /// <summary>
    /// Renders and sends <paramref name="notice"/>. Throws <see cref="NoticeRenderException"/> (before connecting) when the
    /// model does not fit its template, <see cref="SmtpUnreachableException"/> when no connection could be made, or what
    /// MailKit throws when the server refuses the message (the connection stays open for the next one if it is still usable).
    /// </summary>
    public async Task SendAsync(OutboxNotice notice, CancellationToken ct = default)
    {
        var message = _sender.BuildMessage(notice);
        var client = await ConnectedClientAsync(ct);
        try
        {
            await client.SendAsync(message, ct);
        }
        catch when (!client.IsConnected)
        {
            // A broken connection (server gone, 421, timeout): the next notice connects again.
            Drop();
            throw;
        }
    }

    private async Task<ISmtpClient> ConnectedClientAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } open) return open;
        Drop();
        var client = _clients.Create();
        try
        {
            await client.ConnectAsync(_smtp.Host, _smtp.Port, _smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(_smtp.UserName)) await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            client.Dispose();
            throw new SmtpUnreachableException($"SMTP 服务器 {_smtp.Host}:{_smtp.Port} 无法连接或认证失败: {ex.Message}", ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return _client = client;
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>Says QUIT on an open connection (a failure to do so is ignored: every message has been answered already).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try { await client.DisconnectAsync(true, CancellationToken.None); }
            catch (Exception) { /* the server went away after the last message; nothing is lost */ }
        }
        Drop();
    }
}

/// <summary>The SMTP server could not be reached: connecting or authenticating failed (the inner exception says how).</summary>
public sealed class SmtpUnreachableException(string message, Exception inner) : Exception(message, inner);
