using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Notice options, renderers and dispatchers over the repository's templates or a temp copy of them.</summary>
internal static class NoticeTestSupport
{
    public static string TemplatesDirectory => Path.Combine(RepoPaths.Root, "templates");

    public static NoticeOptions Options(int smtpPort = 25, int maxAttempts = 6, string? templates = null) => new()
    {
        TemplatesDirectory = templates ?? TemplatesDirectory,
        FromAddress = "noreply@greentier.test",
        AppUrl = NoticeSamples.AppUrl,
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, TimeoutSeconds = 10 },
        MaxAttempts = maxAttempts,
        RetryBaseSeconds = 30,
        PollSeconds = 0,
    };

    public static NoticeRenderer Renderer(string? templates = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(templates: templates));
        return new NoticeRenderer(new NoticeTemplateCatalog(options), options);
    }

    /// <summary>A dispatcher over the real MailKit client, or the SMTP clients of <paramref name="clients"/> when given.</summary>
    public static NoticeDispatcher Dispatcher(NoticeOptions settings, Func<IOptions<NoticeOptions>, ISmtpClientFactory>? clients = null, TimeProvider? clock = null,
        Microsoft.Extensions.Logging.ILogger<NoticeDispatcher>? logger = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(settings);
        var renderer = new NoticeRenderer(new NoticeTemplateCatalog(options), options);
        var factory = clients?.Invoke(options) ?? new MailKitSmtpClientFactory(options);
        return new NoticeDispatcher(new SmtpNoticeSender(renderer, factory, options), options, logger, clock);
    }

    /// <summary>MailKit's SMTP client, counting how many were created: one per connection the sender opens.</summary>
    public sealed class CountingSmtpClientFactory(IOptions<NoticeOptions> options) : ISmtpClientFactory
    {
        private readonly MailKitSmtpClientFactory _inner = new(options);
        private int _created;
        public int Created => Volatile.Read(ref _created);

        public MailKit.Net.Smtp.ISmtpClient Create()
        {
            Interlocked.Increment(ref _created);
            return _inner.Create();
        }
    }

    /// <summary>A copy of the repository's templates in a new temp directory (deleted by the caller).</summary>
    public static string CopyTemplates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gtw-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(TemplatesDirectory, "*.sbn"))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();
}
