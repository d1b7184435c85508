using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities.Composition;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>
/// The scope of activities inside a workflow used as an activity: the child workflow's inputs (as the parent mapped them)
/// and the variables the child definition declares live on the composite's execution (persisted with the instance), so
/// two uses of one child never share them. Names the child does not declare are read and written outside it, like
/// Elsa's chain of memory registers.
/// </summary>
internal sealed class CompositeScope(ActivityExecutionContext composite) : IExpressionScope
{
    private readonly WorkflowDefinitionActivity _behavior = (WorkflowDefinitionActivity)composite.Activity.Behavior;
    private IExpressionScope Outer => composite.Scope;

    public string WorkflowInstanceId => composite.Workflow.WorkflowInstanceId;
    public string? CorrelationId { get => composite.Workflow.CorrelationId; set => composite.Workflow.CorrelationId = value; }

    /// <summary>
    /// The child's input: what the parent passed for each declared input, over the input outside it (Elsa's
    /// <c>GetInput</c> inside a composite: the composite's own value if it has one, else the workflow input).
    /// </summary>
    public JsonObject Input
    {
        get
        {
            var own = WorkflowDefinitionActivity.Frame(composite, WorkflowDefinitionActivity.InputKey);
            var merged = (JsonObject)Outer.Input.DeepClone();
            foreach (var (name, value) in own) merged[name] = value?.DeepClone();
            return merged;
        }
    }

    /// <summary>The child's variables and its declared inputs (Elsa declares those as variables too, so <c>getA()</c> reads input A).</summary>
    public IEnumerable<string> VariableNames => _behavior.Variables.Select(v => v.Name).Concat(_behavior.Child.Inputs.Select(i => i.Name))
        .Concat(Outer.VariableNames).Distinct(StringComparer.Ordinal);

    public bool TryGetVariable(string nameOrId, out object? value)
    {
        if (_behavior.FindVariable(nameOrId) is { } declared)
        {
            value = ValueConverter.FromJson(WorkflowDefinitionActivity.Frame(composite, WorkflowDefinitionActivity.VariablesKey)[declared.Name]);
            return true;
        }
        // Elsa declares a composite's inputs as variables of its scope too.
        if (WorkflowDefinitionActivity.Frame(composite, WorkflowDefinitionActivity.InputKey).TryGetPropertyValue(nameOrId, out var input))
        {
            value = ValueConverter.FromJson(input);
            return true;
        }
        return Outer.TryGetVariable(nameOrId, out value);
    }

    public void SetVariable(string nameOrId, object? value)
    {
        if (_behavior.FindVariable(nameOrId) is { } declared)
        {
            var converted = declared.IsArray ? value : ValueConverter.Convert(value, declared.TypeName);
            WorkflowDefinitionActivity.Frame(composite, WorkflowDefinitionActivity.VariablesKey)[declared.Name] = ValueConverter.ToJson(converted);
            return;
        }
        Outer.SetVariable(nameOrId, value);
    }
}
