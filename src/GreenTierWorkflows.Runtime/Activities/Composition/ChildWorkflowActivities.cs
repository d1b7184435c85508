using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Composition;

/// <summary>
/// What <c>Elsa.ExecuteWorkflow</c> and <c>Elsa.DispatchWorkflow</c> share: each starts the published version of another
/// definition as a separate instance (its <c>Properties</c> name the parent, Elsa's <c>ParentInstanceId</c>), after the
/// parent's step is committed. With <c>WaitForCompletion</c> the activity waits on a bookmark that the child's end
/// resumes — however many steps and bookmarks the child goes through — and its <c>Result</c> receives what the child
/// returned; without it the activity completes at once (fire and forget).
/// </summary>
public abstract class ChildWorkflowActivity : IActivity
{
    /// <summary>The key of the resume input that carries the child's end (<see cref="ResultOf"/>).</summary>
    public const string ResumeKey = "childWorkflowResult";

    protected ChildWorkflowActivity(string name, string description, ActivityKind kind) =>
        Descriptor = Elsa.Describe(name, "Composition", null, description) with
        {
            Kind = kind,
            Inputs =
            [
                new InputDescriptor("WorkflowDefinitionId", "String") { DisplayName = "Workflow Definition", Description = "The definition ID of the workflow to run.", UIHint = "workflow-definition-picker" },
                new InputDescriptor("CorrelationId", "String") { DisplayName = "Correlation ID", Description = "The correlation ID to associate the workflow with." },
                new InputDescriptor("Input", "ObjectDictionary") { Description = "The input to send to the workflow.", UIHint = "json-editor" },
                new InputDescriptor("WaitForCompletion", "Boolean") { Description = "Wait for the child workflow to complete before completing this activity.", UIHint = "checkbox" },
            ],
            Outputs = [new OutputDescriptor("Result", "Object")],
        };

    public ActivityDescriptor Descriptor { get; }

    /// <summary>The stimulus the child's end is matched by (Elsa's <c>ExecuteWorkflowStimulus</c> / <c>DispatchWorkflowStimulus</c>).</summary>
    public static JsonObject Stimulus(string childInstanceId) => new() { ["instanceId"] = childInstanceId };

    /// <summary>What the child hands back when it ends (Elsa's <c>ExecuteWorkflowResult</c>).</summary>
    public static JsonObject ResultOf(WorkflowState child) => new()
    {
        ["workflowDefinitionVersionId"] = child.DefinitionVersionId,
        ["workflowInstanceId"] = child.Id,
        ["correlationId"] = child.CorrelationId,
        ["status"] = child.Status.ToString(),
        ["subStatus"] = child.SubStatus.ToString(),
        ["output"] = child.Output.DeepClone(),
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definitionId = await context.GetTextAsync("WorkflowDefinitionId");
        if (string.IsNullOrWhiteSpace(definitionId)) throw new WorkflowFaultException($"{context.Activity.Type} 未指定要运行的工作流（WorkflowDefinitionId）。");
        var input = ValueConverter.ToJson(await context.EvaluateInputAsync("Input")) switch
        {
            JsonObject o => o,
            JsonValue v when v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{') => Definitions.JsonNodes.Parse(text) as JsonObject ?? new JsonObject(),
            _ => new JsonObject(),
        };
        var wait = await context.GetBooleanAsync("WaitForCompletion");
        var correlationId = await context.GetTextAsync("CorrelationId");
        var childId = context.Workflow.NewId();
        input["ParentInstanceId"] = context.Workflow.State.Id;
        context.Properties["childInstanceId"] = childId;
        context.Workflow.ChildWorkflowRequests.Add(new ChildWorkflowRequest(childId, definitionId, input, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId,
            context.Workflow.State.Id, wait, context.Activity.Type));
        if (wait)
        {
            context.CreateBookmark(Stimulus(childId));
            return;
        }
        context.SetOutput("Result", ImmediateResult(childId, definitionId));
        await context.CompleteAsync();
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var ended = context.Workflow.ResumeInput?[ResumeKey] as JsonObject;
        if (ended?["error"]?.ToString() is { } error) throw new WorkflowFaultException(error);
        context.SetOutput("Result", ended is null ? null : WaitedResult(ended));
        return context.CompleteAsync();
    }

    /// <summary>The result when not waiting: the child has only been asked for.</summary>
    protected abstract object? ImmediateResult(string childInstanceId, string definitionId);

    /// <summary>The result once the child has ended.</summary>
    protected abstract object? WaitedResult(JsonObject ended);
}

/// <summary>
/// <c>Elsa.ExecuteWorkflow</c>: runs another workflow (its published version) as a child instance; with
/// <c>WaitForCompletion</c> waits for it, and <c>Result</c> is <c>{workflowInstanceId, status, subStatus, output}</c> with the
/// child's outputs (Elsa's <c>ExecuteWorkflowResult</c>; a JavaScript expression reads <c>getResult().output.Name</c>).
/// </summary>
public sealed class ExecuteWorkflow() : ChildWorkflowActivity("ExecuteWorkflow", "Create a new workflow instance of the specified workflow and execute it.", ActivityKind.Task)
{
    protected override object? ImmediateResult(string childInstanceId, string definitionId) =>
        new JsonObject { ["workflowInstanceId"] = childInstanceId, ["status"] = nameof(WorkflowStatus.Running), ["subStatus"] = nameof(WorkflowSubStatus.Pending), ["output"] = new JsonObject() };

    protected override object? WaitedResult(JsonObject ended) => ended.DeepClone();
}

/// <summary>
/// <c>Elsa.DispatchWorkflow</c>: dispatches another workflow (its published version) as a child instance, fire and
/// forget; with <c>WaitForCompletion</c> waits for it, and <c>Result</c> is the child's output (as in Elsa).
/// </summary>
public sealed class DispatchWorkflow() : ChildWorkflowActivity("DispatchWorkflow", "Create a new workflow instance of the specified workflow and dispatch it for execution.", ActivityKind.Action)
{
    protected override object? ImmediateResult(string childInstanceId, string definitionId) => null;

    protected override object? WaitedResult(JsonObject ended) => ended["output"]?.DeepClone();
}
