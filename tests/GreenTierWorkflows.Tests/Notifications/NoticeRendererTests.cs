using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;

namespace GreenTierWorkflows.Tests.Notifications;

public sealed partial class NoticeRendererTests
{
    public static TheoryData<string> Kinds() => new(NoticeKinds.All);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_ProducesChineseSubjectHtmlAndText_WhenKindHasSample(string kind)
    {
        var model = NoticeSamples.For(kind);
        var rendered = NoticeTestSupport.Renderer().Render(kind, model);

        Assert.Matches(Chinese(), rendered.Subject);
        Assert.DoesNotContain('\n', rendered.Subject);
        Assert.Equal(rendered.Subject.Trim(), rendered.Subject);
        Assert.StartsWith("<!DOCTYPE html>", rendered.Html);
        foreach (var body in new[] { rendered.Html, rendered.Text })
        {
            Assert.Contains("黄山市绿色制造名单梯度培育系统", body);
            Assert.Contains("本邮件由系统自动发送", body);
            Assert.Contains(model["recipient_name"]!.GetValue<string>() + "，您好", body);
            Assert.Contains(NoticeSamples.AppUrl, body);
            Assert.DoesNotContain("{{", body);
        }
        Assert.DoesNotContain("<p>", rendered.Text);
        Assert.Contains($"<title>{rendered.Subject}</title>", rendered.Html);
    }

    [Fact]
    public void Render_FillsTheDeadlineReminder_WhenSampleHasMissingList()
    {
        var rendered = NoticeTestSupport.Renderer().Render(NoticeKinds.DeadlineReminder, NoticeSamples.For(NoticeKinds.DeadlineReminder));

        Assert.Equal("【截止提醒】歙县：2026年度绿色工厂（省级）推荐还剩 3 天", rendered.Subject);
        Assert.Contains("<li>黄山某某茶业有限公司：自评价报告</li>", rendered.Html);
        Assert.Contains("  - 歙县徽墨制品厂：第三方评价报告\n", rendered.Text);
        Assert.Contains("距截止还剩 3 天", rendered.Text);
    }

    [Fact]
    public void Render_Throws_WhenModelLacksAVariableTheTemplateUses()
    {
        var model = NoticeSamples.For(NoticeKinds.TaskAssigned);
        model.Remove("due_at");

        var ex = Assert.Throws<NoticeRenderException>(() => NoticeTestSupport.Renderer().Render(NoticeKinds.TaskAssigned, model));

        Assert.Contains("due_at", ex.Message);
        Assert.Contains("task-assigned.", ex.Message);
    }

    [Fact]
    public void Render_Throws_WhenTemplateReferencesAMisspeltVariable()
    {
        var dir = NoticeTestSupport.CopyTemplates();
        try
        {
            File.WriteAllText(Path.Combine(dir, "review-due.text.sbn"), "{{ recipient_name }}，您好：复审截止 {{ review_due_onn }}\n");

            var ex = Assert.Throws<NoticeRenderException>(() => NoticeTestSupport.Renderer(dir).Render(NoticeKinds.ReviewDue, NoticeSamples.For(NoticeKinds.ReviewDue)));

            Assert.Contains("review_due_onn", ex.Message);
            Assert.Contains("review-due.text.sbn", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Render_Throws_WhenKindIsUnknown()
    {
        var ex = Assert.Throws<NoticeRenderException>(() => NoticeTestSupport.Renderer().Render("no-such-kind", new JsonObject()));
        Assert.Contains("no-such-kind", ex.Message);
    }

    [Fact]
    public void LoadAll_ThrowsNamingFileAndLine_WhenTemplateDoesNotParse()
    {
        var dir = NoticeTestSupport.CopyTemplates();
        try
        {
            File.WriteAllText(Path.Combine(dir, "window-opened.html.sbn"), "<p>{{ recipient_name | html.escape }}</p>\n<p>第二行</p>\n<p>{{ if year > }}</p>\n");

            var ex = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplateCatalog(dir).LoadAll());

            Assert.Contains("window-opened.html.sbn(3,", ex.Message);
            Assert.Contains("第 3 行", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void LoadAll_ThrowsNamingFile_WhenTemplateIsMissing()
    {
        var dir = NoticeTestSupport.CopyTemplates();
        try
        {
            File.Delete(Path.Combine(dir, "listing-revoked.subject.sbn"));

            var ex = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplateCatalog(dir).LoadAll());

            Assert.Contains("listing-revoked.subject.sbn", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void LoadAll_Succeeds_WhenRepositoryTemplatesAreComplete()
    {
        var catalog = new NoticeTemplateCatalog(NoticeTestSupport.TemplatesDirectory);
        catalog.LoadAll();
        Assert.Equal(NoticeKinds.All.Count * 3 + 2, NoticeTemplateCatalog.RequiredFiles.Count());
    }

    [Fact]
    public void Render_EscapesHtmlButNotText_WhenValueContainsMarkup()
    {
        var model = NoticeSamples.For(NoticeKinds.ListingRevoked);
        model["reason"] = "<script>alert('x')</script> & 其他";
        model["applicant_name"] = "黄山<b>某某</b>茶业有限公司";

        var rendered = NoticeTestSupport.Renderer().Render(NoticeKinds.ListingRevoked, model);

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 其他", rendered.Html);
        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.DoesNotContain("<b>某某</b>", rendered.Html);
        Assert.Contains("<script>alert('x')</script> & 其他", rendered.Text);
        Assert.Contains("黄山<b>某某</b>茶业有限公司", rendered.Subject);
    }

    [Fact]
    public void Render_UsesEditedTemplate_WhenFileChangesWithoutRestart()
    {
        var dir = NoticeTestSupport.CopyTemplates();
        try
        {
            var renderer = NoticeTestSupport.Renderer(dir);
            var model = NoticeSamples.For(NoticeKinds.ReviewDue);
            var before = renderer.Render(NoticeKinds.ReviewDue, model);
            Assert.StartsWith("【复审提醒】", before.Subject);

            var file = Path.Combine(dir, "review-due.subject.sbn");
            File.WriteAllText(file, "【复审通知（已修改）】{{ applicant_name }}\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));

            var after = renderer.Render(NoticeKinds.ReviewDue, model);
            Assert.Equal("【复审通知（已修改）】黄山某某茶业有限公司", after.Subject);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Render_UsesModelKeysExactly_WhenKeysAreSnakeCase()
    {
        var model = NoticeSamples.For(NoticeKinds.PublicNoticeEnded);
        var rendered = NoticeTestSupport.Renderer().Render(NoticeKinds.PublicNoticeEnded, model);
        Assert.Contains("收到异议：0 件", rendered.Text);
        Assert.Contains("公示结果：公示无异议，予以认定", rendered.Text);
    }
}
