using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Security.Claims;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Web.Identity;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>Shared helpers of the Elsa API: query parsing as Studio sends it, authorization checks and error bodies.</summary>
internal static class ElsaApiSupport
{
    public const string DesignersPolicy = "Designers";

    /// <summary>Designers and administrators may change definitions (and get edit links).</summary>
    public static bool IsDesigner(ClaimsPrincipal user) => user.IsInRole(Roles.Designer) || user.IsInRole(Roles.Admin);

    /// <summary>A query value; keys are matched case-insensitively, an empty value counts as unset.</summary>
    public static string? Query(HttpRequest request, string key)
    {
        var value = request.Query[key].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Every value of a repeated key (<c>DefinitionIds=a&amp;DefinitionIds=b</c>), also comma-separated ones.</summary>
    public static List<string> QueryList(HttpRequest request, string key) =>
        request.Query[key].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>Studio writes booleans as <c>True</c>/<c>False</c>.</summary>
    public static bool? QueryBool(HttpRequest request, string key) =>
        bool.TryParse(Query(request, key), out var b) ? b : null;

    public static int? QueryInt(HttpRequest request, string key) =>
        int.TryParse(Query(request, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary><c>versionOptions</c>; empty or missing means unset.</summary>
    public static VersionOptions? QueryVersion(HttpRequest request, string key = "versionOptions") =>
        ParseVersion(Query(request, key));

    public static VersionOptions? ParseVersion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parsed = VersionOptions.Parse(text, VersionOptions.Latest);
        return parsed;
    }

    /// <summary>A 400 ProblemDetails Studio shows in a snackbar: <c>{"errors":{"model":[...]}}</c>.</summary>
    public static IResult ModelErrors(IEnumerable<string> messages) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["model"] = messages.ToArray() }, title: "工作流定义无效。");

    public static IResult ModelErrors(IEnumerable<Diagnostic> diagnostics) =>
        ModelErrors(diagnostics.Select(d => $"{d.JsonPath}: {d.Message}"));

    /// <summary>Flowchart and Sequence roots are supported (Studio can also create StateMachine roots).</summary>
    public static string? RootError(WorkflowDefinitionDocument document) => Runtime.Management.WorkflowDefinitionService.RootError(document);

    /// <summary>
    /// Reads an optional JSON object body (execute, publish and retract may be sent without one), its keys bound
    /// case-insensitively as Elsa binds them (see <see cref="ElsaKeys"/>).
    /// </summary>
    public static async Task<JsonObject?> ReadOptionalBodyAsync(HttpRequest request, CancellationToken ct, params string[] nested)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return ElsaKeys(JsonNodes.Parse(text) as JsonObject, nested);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Elsa binds request bodies to its DTOs case-insensitively, so <c>{"CorrelationId": …}</c> means what
    /// <c>{"correlationId": …}</c> means. This gives the body's own keys — and those of the <paramref name="nested"/>
    /// DTO objects in it (<c>model</c>, <c>filter</c>) — their camelCase spelling; a camelCase key sent beside its
    /// PascalCase twin wins. Free-form values (<c>input</c>, a definition's activities) keep their keys as sent.
    /// </summary>
    public static JsonObject? ElsaKeys(JsonObject? body, params string[] nested)
    {
        if (body is null) return null;
        var result = Recase(body);
        foreach (var key in nested)
            if (result[key] is JsonObject inner) result[key] = Recase(inner);
        return result;
    }

    private static JsonObject Recase(JsonObject source)
    {
        if (source.All(p => p.Key == JsonNodes.CamelCase(p.Key))) return source;
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var camel = JsonNodes.CamelCase(key);
            if (camel == key || !source.Any(p => p.Key == camel)) result[camel] = value?.DeepClone();
        }
        return result;
    }
}
