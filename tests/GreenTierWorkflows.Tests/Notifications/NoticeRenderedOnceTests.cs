using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Notifications;

/// <summary>
/// A notice is rendered once, when it is queued: the mail the sender builds is the text the 消息中心 shows, even when the template
/// is edited before the notice is sent. A notice stored without its rendering (queued before the rendering was kept) is rendered
/// when it is sent, with the template as it then is.
/// </summary>
public sealed class NoticeRenderedOnceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 4, 12, 1, 0, 0, TimeSpan.Zero);
    private string _dbPath = "";
    private string _templates = "";
    private DbContextOptions<GreenTierDbContext> _withWriter = null!;
    private DbContextOptions<GreenTierDbContext> _plain = null!;

    public async Task InitializeAsync()
    {
        (_dbPath, _) = await SqliteTestDatabase.CreateAsync("gtw-rendered-once");
        _templates = NoticeTestSupport.CopyTemplates();
        var writer = new OfficialMessageWriter(NoticeTestSupport.Renderer(_templates));
        _withWriter = new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite($"Data Source={_dbPath}").AddInterceptors(writer).Options;
        _plain = new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite($"Data Source={_dbPath}").Options;
    }

    public Task DisposeAsync()
    {
        SqliteTestDatabase.Delete(_dbPath);
        Directory.Delete(_templates, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<OutboxNotice> QueueAsync(DbContextOptions<GreenTierDbContext> options, string? userId)
    {
        var notice = OutboxNotice.Create(NoticeKinds.TaskAssigned, new NoticeRecipient("wangxm@shexian.example", "王晓明", userId),
            NoticeSamples.For(NoticeKinds.TaskAssigned), $"once|{Guid.NewGuid():N}", Now);
        await using (var db = new GreenTierDbContext(options))
        {
            db.OutboxNotices.Add(notice);
            await db.SaveChangesAsync();
        }
        await using var read = new GreenTierDbContext(_plain);
        return await read.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == notice.Id);
    }

    /// <summary>Edits the subject template of 【待办】 in the temp copy, as a designer would on a running app (no restart).</summary>
    private void EditSubjectTemplate()
    {
        var file = Path.Combine(_templates, NoticeTemplateCatalog.FileName(NoticeKinds.TaskAssigned, NoticePart.Subject));
        File.WriteAllText(file, "【模板已修改】" + File.ReadAllText(file));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
    }

    private SmtpNoticeSender Sender()
    {
        var options = Microsoft.Extensions.Options.Options.Create(NoticeTestSupport.Options(templates: _templates));
        return new SmtpNoticeSender(new NoticeRenderer(new NoticeTemplateCatalog(options), options), new MailKitSmtpClientFactory(options), options);
    }

    [Fact]
    public async Task QueuedNotice_IsSentAsRenderedWhenQueued_WhenTheTemplateChangesBeforeSending()
    {
        var notice = await QueueAsync(_withWriter, userId: "user-wangxm");
        await using (var db = new GreenTierDbContext(_plain))
        {
            var message = await db.OfficialMessages.AsNoTracking().SingleAsync(m => m.NoticeId == notice.Id);
            Assert.DoesNotContain("模板已修改", message.Subject);
            EditSubjectTemplate();

            var mail = Sender().BuildMessage(notice);
            Assert.True(mail.Subject == message.Subject,
                $"the mail should carry the subject rendered when the notice was queued ({message.Subject}), got {mail.Subject}");
            Assert.Equal(NoticeTestSupport.Normalize(message.Text), NoticeTestSupport.Normalize(mail.TextBody ?? ""));
            Assert.Contains("<html", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task QueuedNoticeWithoutAnAccount_IsAlsoRenderedOnce()
    {
        var notice = await QueueAsync(_withWriter, userId: null);
        var queuedSubject = Sender().BuildMessage(notice).Subject;
        EditSubjectTemplate();
        Assert.Equal(queuedSubject, Sender().BuildMessage(notice).Subject);
    }

    [Fact]
    public async Task NoticeStoredWithoutItsRendering_IsRenderedWhenSent_WithTheTemplateAsItThenIs()
    {
        var notice = await QueueAsync(_plain, userId: "user-wangxm");
        EditSubjectTemplate();
        var mail = Sender().BuildMessage(notice);
        Assert.StartsWith("【模板已修改】", mail.Subject);
    }
}
