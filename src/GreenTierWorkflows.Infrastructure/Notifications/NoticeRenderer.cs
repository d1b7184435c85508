using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>A notice ready to send.</summary>
public sealed record RenderedNotice(string Subject, string Html, string Text);

/// <summary>A model that does not fit its template (a variable the model lacks, an unknown kind); retrying will not help.</summary>
public sealed class NoticeRenderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Renders a notice kind with a JSON model: subject (one trimmed line), HTML body in the HTML layout, text body in the text layout.
/// Variables are strict, names are used exactly as given (snake_case), and the HTML templates escape every value.
/// </summary>
public sealed class NoticeRenderer(NoticeTemplateCatalog catalog, IOptions<NoticeOptions> options)
{
    private readonly NoticeOptions settings = options.Value;

    /// <summary>Contexts of finished renders, reused (a context is expensive to build; one that saw an error is dropped).</summary>
    private readonly ConcurrentBag<TemplateContext> contexts = [];

    /// <summary>
    /// Scriban's built-in functions (<c>html.escape</c>, <c>string.*</c>, …), built once: a new context would otherwise build its own
    /// (most of a render's allocations). Templates only read them.
    /// </summary>
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    public RenderedNotice Render(string kind, JsonObject model)
    {
        if (!NoticeKinds.All.Contains(kind)) throw new NoticeRenderException($"未知的通知类型 (unknown notice kind): {kind}");
        var globals = ToScriptObject(model);
        if (!globals.ContainsKey("app_url")) globals.Add("app_url", settings.AppUrl);

        // One context for all parts; a layout sees the model plus content and subject.
        if (!contexts.TryTake(out var context)) context = CreateContext();
        context.PushGlobal(globals);
        var subject = OneLine(RenderPart(context, kind, NoticePart.Subject, null));
        var htmlBody = RenderPart(context, kind, NoticePart.Html, null);
        var textBody = RenderPart(context, kind, NoticePart.Text, null);
        var html = RenderPart(context, NoticeTemplateCatalog.Layout, NoticePart.Html, new ScriptObject { { "content", htmlBody }, { "subject", subject } });
        var text = RenderPart(context, NoticeTemplateCatalog.Layout, NoticePart.Text, new ScriptObject { { "content", textBody }, { "subject", subject } });
        context.PopGlobal();
        contexts.Add(context);
        return new RenderedNotice(subject, html, text);
    }

    /// <summary>The context every render uses: strict variables, names as given, bounded loops and recursion.</summary>
    public TemplateContext CreateContext()
    {
        var context = new TemplateContext(Builtins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            MemberRenamer = member => member.Name,
            LoopLimit = settings.LoopLimit,
            RecursiveLimit = 20,
        };
        return context;
    }

    private string RenderPart(TemplateContext context, string name, NoticePart part, ScriptObject? layout)
    {
        var template = catalog.Get(name, part);
        if (layout is not null) context.PushGlobal(layout);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new NoticeRenderException($"{NoticeTemplateCatalog.FileName(name, part)}: {ex.Message}", ex);
        }
        finally
        {
            if (layout is not null) context.PopGlobal();
        }
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>JSON object → <see cref="ScriptObject"/>, arrays → <see cref="ScriptArray"/>, recursively; keys unchanged.</summary>
    public static ScriptObject ToScriptObject(JsonObject json)
    {
        var result = new ScriptObject(json.Count);
        foreach (var (key, value) in json) result.Add(key, ToScriptValue(value));
        return result;
    }

    private static object? ToScriptValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToScriptObject(o),
        JsonArray a => ToScriptArray(a),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ToNumber(v.ToJsonString()),
            JsonValueKind.Null => null,
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    private static ScriptArray ToScriptArray(JsonArray array)
    {
        var result = new ScriptArray(array.Count);
        foreach (var item in array) result.Add(ToScriptValue(item));
        return result;
    }

    private static object ToNumber(string json) =>
        long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
        : decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m
        : double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);
}
