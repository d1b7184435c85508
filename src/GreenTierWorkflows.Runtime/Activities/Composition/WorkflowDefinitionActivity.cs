using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Composition;

/// <summary>
/// A published workflow used as an activity (Elsa's <c>WorkflowDefinitionActivity</c>): its node carries
/// <c>workflowDefinitionId</c> / <c>workflowDefinitionVersionId</c> / <c>version</c>, and the child's root runs inside the
/// parent instance as a composite — the loader puts it in the slot <c>root</c>, so its bookmarks are the parent's and are
/// resumed through it. The declared inputs are evaluated in the parent and handed to the child; <c>Elsa.SetOutput</c> in
/// the child fills the declared outputs, which come back as this activity's outputs; <c>Elsa.Complete</c> chooses the
/// outcomes the parent follows (otherwise <c>Done</c>). One instance per referenced definition version.
/// </summary>
public sealed class WorkflowDefinitionActivity : IContainerActivity
{
    /// <summary>The slot the child's root is loaded into.</summary>
    public const string RootSlot = "root";
    internal const string InputKey = "input";
    internal const string VariablesKey = "variables";
    internal const string OutputKey = "output";
    internal const string OutcomesKey = "outcomes";

    public WorkflowDefinitionActivity(WorkflowDefinitionDocument child)
    {
        Child = child;
        Variables = child.Variables;
        Descriptor = WorkflowDefinitionActivityDescriptors.Create(child);
    }

    public ActivityDescriptor Descriptor { get; }

    /// <summary>The child definition version this behaviour runs.</summary>
    public WorkflowDefinitionDocument Child { get; }

    /// <summary>The variables the child declares (kept on the composite's execution, see <see cref="CompositeScope"/>).</summary>
    public IReadOnlyList<VariableDeclaration> Variables { get; }

    internal VariableDeclaration? FindVariable(string nameOrId) => Variables.FirstOrDefault(v => v.Id == nameOrId || v.Name == nameOrId);

    /// <summary>One of the composite's persisted frames (input, variables, output), created on first use.</summary>
    internal static JsonObject Frame(ActivityExecutionContext composite, string key)
    {
        if (composite.Properties[key] is JsonObject frame) return frame;
        frame = new JsonObject();
        composite.Properties[key] = frame;
        return frame;
    }

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var input = Frame(context, InputKey);
        foreach (var declared in Child.Inputs)
            input[declared.Name] = ValueConverter.ToJson(await context.EvaluateInputAsync(declared.Name));
        var variables = Frame(context, VariablesKey);
        foreach (var v in Variables)
        {
            if (v.Value is null) continue;
            try
            {
                variables[v.Name] = ValueConverter.ToJson(v.IsArray ? ValueConverter.FromJson(v.Value) : ValueConverter.Convert(ValueConverter.FromJson(v.Value), v.TypeName));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
            {
                variables[v.Name] = v.Value.DeepClone();
            }
        }
        if (context.Activity.Slot(RootSlot) is not { } root)
        {
            await CompleteWithOutputsAsync(context);
            return;
        }
        context.ScheduleChild(root);
    }

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes) =>
        CompleteWithOutputsAsync(context);

    /// <summary>
    /// Called by <c>Elsa.Complete</c> inside the child: remembers the outcomes, and ends the composite at once if its root
    /// has not ended by itself (other branches still running).
    /// </summary>
    internal static async ValueTask CompleteAsync(ActivityExecutionContext composite, IReadOnlyList<string> outcomes)
    {
        composite.Properties[OutcomesKey] = new JsonArray(outcomes.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        if (composite.Status != ActivityStatus.Running) return;
        PublishOutputs(composite);
        await composite.Workflow.CompleteCompositeAsync(composite, ChosenOutcomes(composite));
    }

    private static ValueTask CompleteWithOutputsAsync(ActivityExecutionContext context)
    {
        PublishOutputs(context);
        return context.CompleteAsync(ChosenOutcomes(context));
    }

    private static Outcomes ChosenOutcomes(ActivityExecutionContext context) =>
        context.Properties[OutcomesKey] is JsonArray chosen && chosen.Count > 0
            ? new Outcomes(chosen.Select(o => o?.ToString() ?? "Done").ToList())
            : Outcomes.Default;

    /// <summary>Copies what the child set with <c>Elsa.SetOutput</c> to this activity's outputs (and the variables they are bound to).</summary>
    private static void PublishOutputs(ActivityExecutionContext context)
    {
        var behavior = (WorkflowDefinitionActivity)context.Activity.Behavior;
        var outputs = context.Properties[OutputKey] as JsonObject;
        foreach (var declared in behavior.Child.Outputs)
            if (outputs is not null && outputs.TryGetPropertyValue(declared.Name, out var value))
                context.SetOutput(declared.Name, ValueConverter.FromJson(value));
    }

    public void Prepare(ActivityNode node, WorkflowCompilation compilation)
    {
        if (node.Slot(RootSlot) is null)
            compilation.Warning(node.JsonPath, $"工作流「{Child.Name ?? Child.DefinitionId}」没有根活动，作为活动运行时直接完成。");
    }
}
