using GreenTierWorkflows.Domain.Documents;
using GreenTierWorkflows.Infrastructure.Documents;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.Documents;

/// <summary>
/// Every document template rendered from its fixed sample (<see cref="DocumentSamples"/>) must equal the reviewed HTML in
/// <c>Documents/Golden/</c>, so a wording change in <c>templates/documents/</c> is a visible diff. After a deliberate change:
/// <c>GTW_UPDATE_GOLDEN=1 dotnet test … --filter DocumentGoldenTests</c>, then review the diff. Also: a template that
/// does not parse stops start-up naming the file and line.
/// </summary>
public sealed class DocumentGoldenTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "GreenTierWorkflows.Tests", "Documents", "Golden");
    private static readonly string Templates = Path.Combine(RepoPaths.Root, "templates", "documents");

    public static TheoryData<string> Kinds() => new(DocumentKinds.All);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RenderedDocument_IsTheReviewedHtml(string kind)
    {
        var html = new DocumentRenderer(new DocumentTemplateCatalog(Templates)).RenderPage(kind, DocumentSamples.For(kind)).ReplaceLineEndings("\n");
        Assert.Contains("&lt;", kind == DocumentKinds.ApplicationForm ? html : "&lt;"); // values are escaped
        GoldenFile.Compare(Folder, $"{kind}.html", html);
    }

    [Fact]
    public void EveryTemplate_Parses_AndABrokenOne_IsNamedWithItsLine()
    {
        new DocumentTemplateCatalog(Templates).LoadAll();

        var copy = Directory.CreateTempSubdirectory("gtw-doc-templates-");
        try
        {
            foreach (var file in Directory.GetFiles(Templates)) File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
            File.WriteAllText(Path.Combine(copy.FullName, "public-notice.html.sbn"), "<p>公示</p>\n<p>{{ for r in rows }}{{ r.number }</p>\n");
            var ex = Assert.Throws<DocumentTemplateException>(() => new DocumentTemplateCatalog(copy.FullName).LoadAll());
            Assert.Contains("public-notice.html.sbn(2,", ex.Message);
            Assert.Contains("第 2 行", ex.Message);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
