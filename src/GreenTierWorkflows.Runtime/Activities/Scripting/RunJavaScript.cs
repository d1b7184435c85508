using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;
using Jint;
using Jint.Native;

namespace GreenTierWorkflows.Runtime.Activities.Scripting;

/// <summary>
/// <c>Elsa.RunJavaScript</c>: runs the script in <c>Script</c> on the JavaScript engine of the expressions (same globals —
/// <c>getVariable</c>/<c>setVariable</c>, <c>variables.X</c>, <c>getX()</c>/<c>setX(v)</c>, <c>getInput</c> — and limits).
/// The script's value becomes the output <c>Result</c> (unless it is nothing); <c>setOutcome('x')</c> or
/// <c>setOutcomes(['x','y'])</c> choose the ports to follow (listed in <c>PossibleOutcomes</c> so Studio draws them),
/// otherwise <c>Done</c>. As in Elsa, the script text is the input's value: a designer's script stored as a Literal (what
/// Studio saves) runs once; one stored as a JavaScript expression runs once too — its text is the script.
/// </summary>
public sealed class RunJavaScript : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("RunJavaScript", "Scripting", "Run JavaScript", "Executes JavaScript code") with
    {
        Inputs =
        [
            new InputDescriptor("Script", "String")
            {
                Description = "The script to run.",
                UIHint = "code-editor",
                UISpecifications = new JsonObject { ["code-editor"] = new JsonObject { ["editorHeight"] = "Default", ["language"] = "javascript" } },
            },
            new InputDescriptor("PossibleOutcomes", "String[]") { Description = "A list of possible outcomes.", UIHint = "dynamic-outcomes", DefaultSyntax = "Object" },
        ],
        Outputs = [new OutputDescriptor("Result", "Object")],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var script = ScriptText(context.Activity.Json["script"]) ?? await context.GetTextAsync("Script");
        if (string.IsNullOrWhiteSpace(script))
        {
            await context.CompleteAsync();
            return;
        }
        var evaluator = context.Workflow.Expressions.Evaluators.OfType<JavaScriptEvaluator>().FirstOrDefault()
            ?? throw new WorkflowFaultException("RunJavaScript 无法运行：运行时没有配置 JavaScript 引擎。");
        string[]? outcomes = null;
        var result = await evaluator.RunScriptAsync(script, context.Scope, engine =>
        {
            engine.SetValue("setOutcome", new Action<string>(value => outcomes = [value]));
            engine.SetValue("setOutcomes", new Action<JsValue>(value => outcomes = ToStrings(value)));
        });
        if (result is not null) context.SetOutput("Result", result);
        await context.CompleteAsync(outcomes is { Length: > 0 } chosen ? new Outcomes(chosen) : Outcomes.Default);
    }

    /// <summary>The script of a wrapped input whose expression is a script language (its text is the script, not its value).</summary>
    private static string? ScriptText(JsonNode? stored) =>
        stored is JsonObject wrapped && wrapped["expression"] is JsonObject expression
            && string.Equals(expression.GetString("type"), "JavaScript", StringComparison.OrdinalIgnoreCase)
            ? expression.GetString("value")
            : null;

    private static string[] ToStrings(JsValue value) =>
        JavaScriptEvaluator.ToRuntime(value) switch
        {
            JsonArray array => array.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0).ToArray(),
            string s => [s],
            _ => [],
        };
}
