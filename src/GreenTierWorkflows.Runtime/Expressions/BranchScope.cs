using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>
/// The scope of one branch that its scheduler declared variables for (Elsa's <c>ScheduleActivityAsync(…, variables)</c>,
/// e.g. <c>CurrentValue</c> and <c>CurrentIndex</c> of each <c>Elsa.ParallelForEach</c> branch): the branch's own values
/// live in the schedule input of the branch's execution (persisted with the instance), so parallel branches never see
/// each other's; every other name is read and written in the scope outside the branch.
/// </summary>
internal sealed class BranchScope(JsonObject locals, IExpressionScope outer) : IExpressionScope
{
    /// <summary>The key of the branch's variables in a schedule input.</summary>
    public const string VariablesKey = "branchVariables";

    public string WorkflowInstanceId => outer.WorkflowInstanceId;
    public string? CorrelationId { get => outer.CorrelationId; set => outer.CorrelationId = value; }
    public JsonObject Input => outer.Input;

    public IEnumerable<string> VariableNames => locals.Select(kv => kv.Key).Concat(outer.VariableNames).Distinct(StringComparer.Ordinal);

    public bool TryGetVariable(string nameOrId, out object? value)
    {
        if (locals.TryGetPropertyValue(nameOrId, out var own))
        {
            value = ValueConverter.FromJson(own);
            return true;
        }
        return outer.TryGetVariable(nameOrId, out value);
    }

    public void SetVariable(string nameOrId, object? value)
    {
        if (locals.ContainsKey(nameOrId)) locals[nameOrId] = ValueConverter.ToJson(value);
        else outer.SetVariable(nameOrId, value);
    }

    /// <summary>
    /// What <paramref name="self"/>'s expressions see, found walking up from it: the nearest branch that declares variables
    /// (<see cref="BranchScope"/>) or enclosing workflow used as an activity (<see cref="CompositeScope"/>; a composite's own
    /// inputs are evaluated outside it), else the workflow.
    /// </summary>
    internal static IExpressionScope Of(ActivityExecutionContext self) => Walk(self, self);

    private static IExpressionScope Walk(ActivityExecutionContext? node, ActivityExecutionContext self)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (n != self && n.Activity.Behavior is Activities.Composition.WorkflowDefinitionActivity) return new CompositeScope(n);
            if (n.ScheduleInput?[VariablesKey] is JsonObject own) return new BranchScope(own, Walk(n.Parent, self));
        }
        return self.Workflow;
    }
}
