using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Templates;
using Microsoft.Extensions.Options;
using Scriban;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>The three parts of a notice, each a template file <c>{kind}.{part}.sbn</c>.</summary>
public enum NoticePart { Subject, Html, Text }

/// <summary>A template file that is missing or does not parse; the message names the file (and line).</summary>
public sealed class NoticeTemplateException(string message) : Exception(message);

/// <summary>
/// The parsed Scriban templates of <see cref="NoticeOptions.TemplatesDirectory"/>: for every kind of <see cref="NoticeKinds.All"/>
/// <c>{kind}.subject.sbn</c>, <c>{kind}.html.sbn</c> and <c>{kind}.text.sbn</c>, plus the layouts <c>_layout.html.sbn</c> and
/// <c>_layout.text.sbn</c>. A file is parsed again when its last-write time (or length) changes, so edits need no restart.
/// </summary>
public sealed class NoticeTemplateCatalog
{
    public const string Layout = "_layout";

    private readonly ScribanTemplateFolder folder;

    public NoticeTemplateCatalog(IOptions<NoticeOptions> options) : this(ResolveDirectory(options.Value.TemplatesDirectory)) { }

    public NoticeTemplateCatalog(string directory) => folder = new ScribanTemplateFolder(directory, message => new NoticeTemplateException(message));

    /// <summary>The absolute template directory.</summary>
    public string Directory => folder.Directory;

    /// <summary>Every file the catalog needs, relative to <see cref="Directory"/>.</summary>
    public static IEnumerable<string> RequiredFiles =>
        NoticeKinds.All.SelectMany(k => new[] { FileName(k, NoticePart.Subject), FileName(k, NoticePart.Html), FileName(k, NoticePart.Text) })
            .Append(FileName(Layout, NoticePart.Html)).Append(FileName(Layout, NoticePart.Text));

    public static string FileName(string kind, NoticePart part) => part switch
    {
        NoticePart.Subject => $"{kind}.subject.sbn",
        NoticePart.Html => $"{kind}.html.sbn",
        _ => $"{kind}.text.sbn",
    };

    /// <summary>Reads and parses every required file; throws one <see cref="NoticeTemplateException"/> listing every problem (file and line).</summary>
    public void LoadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) throw new NoticeTemplateException($"通知模板目录不存在 (templates directory not found): {Directory}");
        var errors = folder.TryLoadAll(RequiredFiles);
        if (errors.Count > 0)
            throw new NoticeTemplateException($"通知模板有误 (notice templates in {Directory} failed to load):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    /// <summary>The parsed template of one part, re-read if the file changed since it was parsed.</summary>
    public Template Get(string kind, NoticePart part) => folder.Load(FileName(kind, part));

    /// <summary>An absolute path as is; a relative one from the working directory upwards, then from the app's base directory upwards.</summary>
    public static string ResolveDirectory(string configured) => ScribanTemplateFolder.ResolveDirectory(configured);
}
