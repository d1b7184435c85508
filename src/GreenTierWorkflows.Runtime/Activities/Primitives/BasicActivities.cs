using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities.Primitives;

/// <summary><c>Elsa.Start</c>: the entry point of a flowchart.</summary>
public sealed class Start : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Start", "Flow", "Start", "The start of the workflow.") with { IsStart = true, Ports = ActivityDescriptor.FlowPorts("Done") };
    public ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}

/// <summary><c>Elsa.End</c>: ends the enclosing flowchart.</summary>
public sealed class End : IActivity, ITerminalActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("End", "Flow", "End", "The end of the flowchart.") with { IsTerminal = true };
    public ValueTask ExecuteAsync(ActivityExecutionContext context) => context.CompleteAsync();
}

/// <summary><c>Elsa.Finish</c>: marks the whole workflow finished; nothing else runs, no bookmark remains.</summary>
public sealed class Finish : IActivity, ITerminalActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Finish", "Primitives", "Finish", "Mark the workflow as finished.") with { IsTerminal = true };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        await context.CompleteAsync();
        context.Workflow.Finish();
    }
}

/// <summary><c>Elsa.WriteLine</c>: writes a line of text to standard output.</summary>
public sealed class WriteLine : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("WriteLine", "Console", "Write Line", "Write a line of text to the console.") with
    {
        Inputs = [new InputDescriptor("Text", "String") { Description = "The text to write." }],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.WriteLine(await context.GetTextAsync("Text"));
        await context.CompleteAsync();
    }
}

/// <summary><c>Elsa.SetVariable</c>: assigns a value to a workflow variable.</summary>
public sealed class SetVariable : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("SetVariable", "Primitives", "Set Variable", "Assign a value to a workflow variable.") with
    {
        Inputs =
        [
            new InputDescriptor("Variable", "Variable") { UIHint = "variable-picker", IsWrapped = false, Description = "The variable to assign." },
            new InputDescriptor("Value", "Object") { Description = "The value to assign." },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var variable = context.Activity.Json.GetObject("variable");
        var id = variable?.GetString("id") ?? variable?.GetString("name");
        if (variable is null || id is null) throw new WorkflowFaultException("SetVariable 未选择变量。");
        var value = await context.EvaluateInputAsync("Value");
        if (!context.Workflow.Graph.Variables.Any(v => v.Id == id || v.Name == id))
        {
            value = Expressions.ValueConverter.Convert(value, variable.GetString("typeName"));
            id = variable.GetString("name") ?? id;
        }
        context.SetVariable(id, value);
        await context.CompleteAsync();
    }

    public void Prepare(ActivityNode node, WorkflowCompilation compilation)
    {
        if (node.Json.GetObject("variable") is null)
            compilation.Warning(node.JsonPath + ".variable", "SetVariable 未选择变量。");
    }
}

/// <summary><c>Elsa.SetName</c>: sets the instance's display name.</summary>
public sealed class SetName : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("SetName", "Primitives", "Set Name", "Set the name of the workflow instance.") with
    {
        Inputs = [new InputDescriptor("Value", "String")],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.State.Name = await context.GetTextAsync("Value");
        await context.CompleteAsync();
    }
}

/// <summary><c>Elsa.Correlate</c>: sets the instance's correlation id (e.g. a nomination number).</summary>
public sealed class Correlate : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Correlate", "Primitives", "Correlate", "Set the correlation ID of the workflow instance.") with
    {
        Inputs = [new InputDescriptor("CorrelationId", "String")],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Workflow.CorrelationId = await context.GetTextAsync("CorrelationId");
        await context.CompleteAsync();
    }
}

/// <summary><c>Elsa.Fault</c>: faults the workflow with a designer-written message.</summary>
public sealed class Fault : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Fault", "Primitives", "Fault", "Faults the workflow.") with
    {
        Inputs = [new InputDescriptor("Code", "String"), new InputDescriptor("Category", "String"), new InputDescriptor("FaultType", "String"), new InputDescriptor("Message", "String")],
        Ports = [],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var message = await context.GetTextAsync("Message");
        var code = await context.GetTextAsync("Code");
        throw new WorkflowFaultException(string.IsNullOrEmpty(code) ? message ?? "Fault" : $"[{code}] {message}");
    }
}

/// <summary><c>Elsa.NotFoundActivity</c>: stands in for a type the registry does not know; faults when run.</summary>
public sealed class NotFoundActivity : IActivity
{
    public const string TypeName = "Elsa.NotFoundActivity";

    public ActivityDescriptor Descriptor { get; } = new(TypeName, "System", "Not Found")
    {
        Description = "Placeholder for an activity type that is not registered.",
        IsBrowsable = false,
    };

    public ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new WorkflowFaultException($"活动类型 '{context.Activity.Type}' 未注册，无法执行。");
}
