using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>
/// One execution of one activity. Activities read inputs, write outputs and variables, schedule children,
/// create bookmarks and complete through it. <see cref="Properties"/> is persisted with the instance.
/// </summary>
public sealed class ActivityExecutionContext
{
    private Dictionary<string, object?>? _evaluatedInputs;

    internal ActivityExecutionContext(WorkflowExecutionContext workflow, ActivityNode activity, ActivityExecutionContext? parent, string id,
        JsonObject? scheduleInput, JsonObject? properties, DateTimeOffset startedAt, ActivityStatus status = ActivityStatus.Running)
    {
        Workflow = workflow;
        Activity = activity;
        Parent = parent;
        Id = id;
        ScheduleInput = scheduleInput;
        Properties = properties ?? new JsonObject();
        StartedAt = startedAt;
        Status = status;
    }

    public string Id { get; }
    public ActivityNode Activity { get; }
    public ActivityExecutionContext? Parent { get; }
    public WorkflowExecutionContext Workflow { get; }
    public ActivityStatus Status { get; internal set; }
    public DateTimeOffset StartedAt { get; }
    /// <summary>Input handed over by the scheduling parent (e.g. loop iteration data).</summary>
    public JsonObject? ScheduleInput { get; }
    /// <summary>Persisted activity state (flowchart scope, loop counters …).</summary>
    public JsonObject Properties { get; }
    /// <summary>The bookmark being resumed, if this is a resume.</summary>
    public Bookmark? ResumedBookmark { get; internal set; }
    internal IReadOnlyDictionary<string, object?>? EvaluatedInputs => _evaluatedInputs;

    public IEnumerable<ActivityExecutionContext> Children => Workflow.ActiveContexts.Where(c => c.Parent == this);

    /// <summary>Evaluates an input (wrapped expression, raw value or default) to its declared type.</summary>
    public async ValueTask<object?> EvaluateInputAsync(string name)
    {
        var descriptor = Activity.Descriptor.FindInput(name);
        var stored = Activity.Json[JsonNodes.CamelCase(name)] ?? Activity.Json.GetAny(name);
        var value = await Workflow.Expressions.EvaluateInputAsync(stored, descriptor, Scope);
        (_evaluatedInputs ??= new(StringComparer.Ordinal))[name] = value;
        return value;
    }

    public async ValueTask<string?> GetTextAsync(string name) => ValueConverter.ToText(await EvaluateInputAsync(name));
    public async ValueTask<bool> GetBooleanAsync(string name) => ValueConverter.ToBoolean(await EvaluateInputAsync(name));
    public async ValueTask<TimeSpan> GetTimeSpanAsync(string name) => ValueConverter.ToTimeSpan(await EvaluateInputAsync(name));
    public async ValueTask<IReadOnlyList<object?>> GetListAsync(string name) => ValueConverter.ToList(await EvaluateInputAsync(name));

    /// <summary>Evaluates an expression object stored somewhere other than an input (e.g. a switch case condition).</summary>
    public async ValueTask<object?> EvaluateExpressionAsync(JsonObject? expression)
    {
        if (expression is null) return null;
        return await Workflow.Expressions.EvaluateAsync(expression.GetString("type") ?? "Literal", expression["value"], Scope);
    }

    /// <summary>Sets an output; if the designer bound it to a variable, the variable receives the value.</summary>
    public void SetOutput(string name, object? value)
    {
        if (Activity.Json[JsonNodes.CamelCase(name)] is JsonObject binding && binding.GetObject("memoryReference")?.GetString("id") is { } target)
        {
            var scope = Scope;
            if (!scope.TryGetVariable(target, out _) && DeclaredOutputOwner(target) is { } owner) owner[target] = ValueConverter.ToJson(value);
            else scope.SetVariable(target, value);
        }
        Workflow.LastResult = value;
    }

    /// <summary>
    /// Where an output bound straight to a declared output of the enclosing workflow goes (Elsa lets a designer bind an
    /// activity's output to the workflow's output, e.g. RunJavaScript's Result to the output <c>Result</c>): the output frame
    /// of the enclosing workflow used as an activity, or the instance's output; null when no such output is declared.
    /// </summary>
    private JsonObject? DeclaredOutputOwner(string name)
    {
        if (Composite is { } composite)
            return ((Activities.Composition.WorkflowDefinitionActivity)composite.Activity.Behavior).Child.Outputs.Any(o => o.Name == name)
                ? Activities.Composition.WorkflowDefinitionActivity.Frame(composite, Activities.Composition.WorkflowDefinitionActivity.OutputKey)
                : null;
        return Workflow.Graph.Definition.Outputs.Any(o => o.Name == name) ? Workflow.State.Output : null;
    }

    public object? GetVariable(string nameOrId) => Scope.TryGetVariable(nameOrId, out var v) ? v : null;
    public void SetVariable(string nameOrId, object? value) => Scope.SetVariable(nameOrId, value);

    /// <summary>
    /// What this activity's expressions see: the workflow, or — inside a workflow used as an activity — that child
    /// workflow's inputs and variables, or — inside a branch its scheduler declared variables for (ParallelForEach's
    /// <c>CurrentValue</c>) — that branch's own values (names not declared there are looked up outside, as Elsa's memory chain does).
    /// </summary>
    public IExpressionScope Scope => BranchScope.Of(this);

    /// <summary>The nearest enclosing workflow-definition activity (the child workflow this activity runs in), if any.</summary>
    public ActivityExecutionContext? Composite => FindAncestor(c => c.Activity.Behavior is Activities.Composition.WorkflowDefinitionActivity);

    /// <summary>Schedules a child activity owned by this one; its completion is reported to this activity.</summary>
    public void ScheduleChild(ActivityNode child, JsonObject? input = null) => Workflow.Enqueue(new WorkItem(child, this, input));

    /// <summary>
    /// Schedules a child with variables of its own (Elsa's <c>ScheduleActivityAsync(…, variables)</c>): the child and
    /// everything below it read and write these names in its branch only.
    /// </summary>
    public void ScheduleChildWithVariables(ActivityNode child, JsonObject variables) =>
        ScheduleChild(child, new JsonObject { [BranchScope.VariablesKey] = variables });

    /// <summary>Completes this activity with the given outcomes (default <c>Done</c>) and notifies the parent.</summary>
    public ValueTask CompleteAsync(params string[] outcomes) =>
        Workflow.CompleteAsync(this, outcomes.Length == 0 ? Outcomes.Default : new Outcomes(outcomes));

    public ValueTask CompleteAsync(Outcomes outcomes) => Workflow.CompleteAsync(this, outcomes);

    /// <summary>Cancels this activity and everything below it.</summary>
    public ValueTask CancelAsync() => Workflow.CancelAsync(this);

    /// <summary>Suspends this activity until the stimulus arrives. The hash makes it findable by stimulus.</summary>
    public Bookmark CreateBookmark(JsonObject? stimulus, DateTimeOffset? dueAt = null, bool includeActivityInstanceId = false,
        string[]? excludeFromHash = null, string? callback = null, bool autoBurn = true, JsonObject? metadata = null)
    {
        var payload = stimulus;
        var hashSource = payload;
        if (includeActivityInstanceId)
        {
            hashSource = (JsonObject?)payload?.DeepClone() ?? new JsonObject();
            hashSource["activityInstanceId"] = Id;
        }
        var bookmark = new Bookmark
        {
            Id = Workflow.NewId(),
            WorkflowInstanceId = Workflow.State.Id,
            Name = Activity.Type,
            Hash = StimulusHasher.Hash(Activity.Type, hashSource, excludeFromHash ?? []),
            Payload = payload,
            ActivityId = Activity.Id,
            ActivityNodeId = Activity.NodeId,
            ActivityInstanceId = Id,
            CorrelationId = Workflow.CorrelationId,
            CreatedAt = Workflow.Now,
            DueAt = dueAt,
            CallbackMethodName = callback,
            AutoBurn = autoBurn,
            Metadata = metadata,
        };
        Workflow.State.Bookmarks.Add(bookmark);
        return bookmark;
    }

    /// <summary>Asks the application for an effect (committed with this step, applied after it; see <see cref="WorkflowEffect"/>).</summary>
    public WorkflowEffect Emit(string kind, JsonObject payload)
    {
        var effect = new WorkflowEffect(Workflow.NewId(), kind, Workflow.State.Id, Workflow.CorrelationId, Activity.Id, Id,
            Workflow.State.DefinitionVersion, payload, Workflow.Now);
        Workflow.Effects.Add(effect);
        return effect;
    }

    /// <summary>Writes a line to the workflow's standard output (what <c>Elsa.WriteLine</c> does).</summary>
    public void WriteLine(string? text) => Workflow.WriteLine(text ?? "");

    /// <summary>Nearest ancestor (or self) whose behaviour is of the given type.</summary>
    public ActivityExecutionContext? FindAncestor(Func<ActivityExecutionContext, bool> predicate)
    {
        for (var c = Parent; c is not null; c = c.Parent)
            if (predicate(c)) return c;
        return null;
    }
}

/// <summary>A scheduled piece of work: run an activity, or resume one from a bookmark.</summary>
public sealed record WorkItem(ActivityNode Activity, ActivityExecutionContext? Owner, JsonObject? Input, ActivityExecutionContext? Existing = null, Bookmark? Bookmark = null);
