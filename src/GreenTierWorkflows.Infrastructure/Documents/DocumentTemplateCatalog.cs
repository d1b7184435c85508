using GreenTierWorkflows.Domain.Documents;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Infrastructure.Templates;
using Microsoft.Extensions.Options;
using Scriban;

namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>A document template that is missing or does not parse; the message names the file (and line).</summary>
public sealed class DocumentTemplateException(string message) : Exception(message);

/// <summary>
/// The parsed Scriban templates of <see cref="DocumentRenderingOptions.TemplatesDirectory"/>: <c>{kind}.html.sbn</c> for every
/// kind of <see cref="DocumentKinds.All"/> and the A4 frame <c>_layout.html.sbn</c>. Re-read when a file changes, so the
/// bureau edits wording, 文号, letterhead and signature blocks without a build; all parsed at start-up.
/// </summary>
public sealed class DocumentTemplateCatalog
{
    public const string Layout = "_layout";

    private readonly ScribanTemplateFolder folder;

    public DocumentTemplateCatalog(IOptions<DocumentRenderingOptions> options) : this(ScribanTemplateFolder.ResolveDirectory(options.Value.TemplatesDirectory)) { }

    public DocumentTemplateCatalog(string directory) => folder = new ScribanTemplateFolder(directory, message => new DocumentTemplateException(message));

    public string Directory => folder.Directory;

    public static string FileName(string kind) => $"{kind}.html.sbn";

    /// <summary>Every file the catalog needs, relative to <see cref="Directory"/>.</summary>
    public static IEnumerable<string> RequiredFiles => DocumentKinds.All.Select(FileName).Append(FileName(Layout));

    /// <summary>Reads and parses every required file; throws one <see cref="DocumentTemplateException"/> listing every problem (file and line).</summary>
    public void LoadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) throw new DocumentTemplateException($"文书模板目录不存在 (document templates directory not found): {Directory}");
        var errors = folder.TryLoadAll(RequiredFiles);
        if (errors.Count > 0)
            throw new DocumentTemplateException($"文书模板有误 (document templates in {Directory} failed to load):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    public Template Get(string kind) => folder.Load(FileName(kind));

    /// <summary>
    /// The current text of a kind's template and of the layout, as one string: part of a document's data version, so a
    /// wording change in the templates makes a new version on the next generation.
    /// </summary>
    public string TextOf(string kind) =>
        string.Concat(new[] { FileName(kind), FileName(Layout) }.Select(f => File.Exists(Path.Combine(Directory, f)) ? File.ReadAllText(Path.Combine(Directory, f)) : ""));
}
