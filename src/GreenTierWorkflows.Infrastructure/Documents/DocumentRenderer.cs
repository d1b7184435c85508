using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Documents;
using GreenTierWorkflows.Infrastructure.Notifications;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GreenTierWorkflows.Infrastructure.Documents;

/// <summary>A model that does not fit its document template (a variable the model lacks); the message names the file.</summary>
public sealed class DocumentRenderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Renders a document kind with a JSON model (snake_case keys, strict variables; templates escape every value with
/// <c>html.escape</c>): the body alone (<see cref="RenderFragment"/>, e.g. the 公示 for the bureau's website) or the body in
/// the A4 frame with page numbers and the generation stamp (<see cref="RenderPage"/>), ready for <see cref="IPdfPrinter"/>.
/// </summary>
public sealed class DocumentRenderer(DocumentTemplateCatalog catalog)
{
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    /// <summary>The templates' text a kind is rendered with (see <see cref="DocumentTemplateCatalog.TextOf"/>).</summary>
    public string TemplateTextOf(string kind) => catalog.TextOf(kind);

    /// <summary>The kind's body as an HTML fragment.</summary>
    public string RenderFragment(string kind, JsonObject model)
    {
        if (!DocumentKinds.All.Contains(kind)) throw new DocumentRenderException($"未知的文书类型 (unknown document kind): {kind}");
        var context = CreateContext();
        context.PushGlobal(NoticeRenderer.ToScriptObject(model));
        return Render(context, kind);
    }

    /// <summary>The kind's body in <c>_layout.html.sbn</c> (which also sees <c>content</c> and <c>stamp_css</c>, the stamp as a CSS string).</summary>
    public string RenderPage(string kind, JsonObject model)
    {
        if (!DocumentKinds.All.Contains(kind)) throw new DocumentRenderException($"未知的文书类型 (unknown document kind): {kind}");
        var context = CreateContext();
        context.PushGlobal(NoticeRenderer.ToScriptObject(model));
        var body = Render(context, kind);
        var stamp = model["stamp"]?.GetValue<string>() ?? "";
        context.PushGlobal(new ScriptObject { { "content", body }, { "stamp_css", CssString(stamp) } });
        return Render(context, DocumentTemplateCatalog.Layout);
    }

    private string Render(TemplateContext context, string name)
    {
        try
        {
            return catalog.Get(name).Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new DocumentRenderException($"{DocumentTemplateCatalog.FileName(name)}: {ex.Message}", ex);
        }
    }

    private static TemplateContext CreateContext() => new(Builtins)
    {
        StrictVariables = true,
        EnableRelaxedMemberAccess = false,
        MemberRenamer = member => member.Name,
        LoopLimit = 100_000,
        RecursiveLimit = 20,
    };

    /// <summary>A CSS string literal (for <c>content:</c> in a page margin box): quotes, backslashes and line breaks escaped.</summary>
    public static string CssString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "\\3C ", StringComparison.Ordinal) + "\"";
}
