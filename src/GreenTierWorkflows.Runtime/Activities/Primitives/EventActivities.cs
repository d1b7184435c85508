using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Primitives;

/// <summary><c>Elsa.Event</c>: waits for (or, as a trigger, starts on) a named event. Output <c>Result</c> = event payload.</summary>
public sealed class Event : ITriggerActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Event", "Primitives", "Event", "Wait for an event sent from your application.") with
    {
        Kind = ActivityKind.Trigger,
        Inputs = [new InputDescriptor("EventName", "String") { Description = "The name of the event to listen for." }],
        Outputs = [new OutputDescriptor("Result", "Object")],
    };

    public static JsonObject Stimulus(string eventName) => new() { ["eventName"] = eventName };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow())
        {
            context.SetOutput("Result", context.Workflow.ResumeInput ?? context.Workflow.Input);
            await context.CompleteAsync();
            return;
        }
        var name = await context.GetTextAsync("EventName") ?? "";
        context.CreateBookmark(Stimulus(name));
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        context.SetOutput("Result", context.Workflow.ResumeInput);
        return context.CompleteAsync();
    }

    public async ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        Stimulus(ValueConverter.ToText(await expressions.EvaluateInputAsync(node.Json["eventName"], Descriptor.FindInput("EventName"), scope)) ?? "");

    public TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now) => new(TriggerScheduleKind.Stimulus);
}

/// <summary><c>Elsa.PublishEvent</c>: publishes an event that resumes waiting <c>Elsa.Event</c> activities.</summary>
public sealed class PublishEvent : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("PublishEvent", "Primitives", "Publish Event", "Publishes an event.") with
    {
        Inputs =
        [
            new InputDescriptor("EventName", "String"),
            new InputDescriptor("CorrelationId", "String"),
            new InputDescriptor("IsLocalEvent", "Boolean") { DisplayName = "Local event", UIHint = "checkbox" },
            new InputDescriptor("Payload", "Object") { UIHint = "json-editor" },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.GetTextAsync("EventName") ?? "";
        var correlationId = await context.GetTextAsync("CorrelationId");
        var isLocal = await context.GetBooleanAsync("IsLocalEvent");
        var payload = ValueConverter.ToJson(await context.EvaluateInputAsync("Payload"));
        context.Workflow.PublishedEvents.Add(new PublishedEvent(name, correlationId, isLocal, payload, context.Workflow.State.Id));
        await context.CompleteAsync();
    }
}

/// <summary><c>Elsa.RunTask</c>: hands a task to the application and waits until it is completed with a result.</summary>
public sealed class RunTask : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("RunTask", "Primitives", "Run Task", "Run a task handled by the application.") with
    {
        Kind = ActivityKind.Task,
        Inputs = [new InputDescriptor("TaskName", "String"), new InputDescriptor("Payload", "ObjectDictionary") { UIHint = "json-editor" }],
        Outputs = [new OutputDescriptor("TaskId", "String"), new OutputDescriptor("Result", "Object")],
    };

    /// <summary>The stimulus a task completion is matched by; TaskName is excluded from the hash, as in Elsa.</summary>
    public static JsonObject Stimulus(string taskId, string? taskName = null) => new() { ["taskId"] = taskId, ["taskName"] = taskName };

    public static string HashFor(string taskId) => StimulusHasher.Hash("Elsa.RunTask", Stimulus(taskId), "taskName");

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var taskName = await context.GetTextAsync("TaskName") ?? "";
        var payload = ValueConverter.ToJson(await context.EvaluateInputAsync("Payload"));
        var taskId = context.Workflow.NewId();
        context.SetOutput("TaskId", taskId);
        context.Properties["taskId"] = taskId;
        context.CreateBookmark(Stimulus(taskId, taskName), excludeFromHash: ["taskName"]);
        context.Workflow.TaskRequests.Add(new TaskRequest(taskId, taskName, payload, context.Workflow.State.Id));
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var input = context.Workflow.ResumeInput;
        context.SetOutput("Result", input is not null && input.TryGetPropertyValue("result", out var r) ? ValueConverter.FromJson(r) : input);
        return context.CompleteAsync();
    }
}
