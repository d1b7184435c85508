using System.Text;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Expressions;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>TypeScript declarations for Studio's JavaScript editor (Monaco): variable accessors and the common helpers.</summary>
internal static class ScriptingEndpoints
{
    public static RouteGroupBuilder MapScripting(this RouteGroupBuilder api)
    {
        // Changes nothing, so every signed-in user may call it (Studio asks when an activity with a JavaScript input is selected).
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", TypeDefinitionsAsync);
        return api;
    }

    private static async Task<IResult> TypeDefinitionsAsync(string definitionId, IWorkflowStore store, CancellationToken ct)
    {
        var record = await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct);
        var text = new StringBuilder();
        text.AppendLine("declare function getVariable(name: string): any;");
        text.AppendLine("declare function setVariable(name: string, value: any): void;");
        text.AppendLine("declare function getInput(name: string): any;");
        text.AppendLine("declare function getWorkflowInstanceId(): string;");
        text.AppendLine("declare function getCorrelationId(): string;");
        text.AppendLine("declare function setCorrelationId(value: string): void;");
        if (record is not null)
        {
            foreach (var variable in WorkflowDefinitionDocument.Parse(record.Json).Variables)
            {
                if (!IsIdentifier(variable.Name)) continue;
                var type = variable.IsArray ? "any[]" : TypeScriptType(variable.TypeName);
                text.AppendLine($"declare function get{variable.Name}(): {type};");
                text.AppendLine($"declare function set{variable.Name}(value: {type}): void;");
            }
        }
        return Results.Text(text.ToString(), "text/plain", Encoding.UTF8);
    }

    private static string TypeScriptType(string typeName) => TypeAliasRegistry.Resolve(typeName) switch
    {
        ValueKind.String => "string",
        ValueKind.Boolean => "boolean",
        ValueKind.Integer or ValueKind.Number or ValueKind.Decimal => "number",
        ValueKind.List => "any[]",
        _ => "any",
    };

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
