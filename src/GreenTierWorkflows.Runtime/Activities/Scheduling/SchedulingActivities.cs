using System.Text.Json.Nodes;
using Cronos;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Scheduling;

/// <summary><c>Elsa.Delay</c>: waits for a time span; the scheduler resumes its bookmark when due.</summary>
public sealed class Delay : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Delay", "Scheduling", "Delay", "Delay execution for the specified amount of time.") with
    {
        Inputs = [new InputDescriptor("TimeSpan", "TimeSpan") { DefaultValue = "00:01:00", Description = "The amount of time to delay execution (d.hh:mm:ss)." }],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var resumeAt = context.Workflow.Now + await context.GetTimeSpanAsync("TimeSpan");
        context.CreateBookmark(new JsonObject { ["resumeAt"] = resumeAt.ToString("O") }, resumeAt, includeActivityInstanceId: true);
    }
}

/// <summary>Shared behaviour of time triggers: complete at once when they started the instance, else wait until due.</summary>
public abstract class TimerTriggerBase : ITriggerActivity
{
    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>The next due time after <paramref name="now"/>, from the evaluated inputs.</summary>
    protected abstract ValueTask<DateTimeOffset?> NextDueAsync(ActivityExecutionContext context, DateTimeOffset now);

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow())
        {
            await context.CompleteAsync();
            return;
        }
        var due = await NextDueAsync(context, context.Workflow.Now);
        if (due is null || due <= context.Workflow.Now)
        {
            await context.CompleteAsync();
            return;
        }
        context.CreateBookmark(new JsonObject { ["resumeAt"] = due.Value.ToString("O") }, due, includeActivityInstanceId: true);
    }

    public abstract ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope);

    public virtual void Prepare(ActivityNode node, WorkflowCompilation compilation) { }

    public abstract TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now);

    protected ValueTask<object?> EvaluateAsync(ActivityNode node, string input, ExpressionEngine expressions, IExpressionScope scope) =>
        expressions.EvaluateInputAsync(node.Json[JsonNodes.CamelCase(input)], Descriptor.FindInput(input), scope);
}

/// <summary><c>Elsa.Timer</c>: fires every interval (as a trigger) or waits one interval.</summary>
public sealed class Timer : TimerTriggerBase
{
    public override ActivityDescriptor Descriptor { get; } = Elsa.Describe("Timer", "Scheduling", "Timer", "Trigger workflow execution at a specific interval.") with
    {
        Kind = ActivityKind.Trigger,
        Inputs = [new InputDescriptor("Interval", "TimeSpan") { DefaultValue = "00:01:00", Description = "The interval at which the timer should execute." }],
    };

    protected override async ValueTask<DateTimeOffset?> NextDueAsync(ActivityExecutionContext context, DateTimeOffset now) =>
        now + await context.GetTimeSpanAsync("Interval");

    public override async ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        new() { ["interval"] = ValueConverter.ToText(ValueConverter.ToTimeSpan(await EvaluateAsync(node, "Interval", expressions, scope) ?? "00:01:00")) };

    public override TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now)
    {
        var interval = ValueConverter.ToTimeSpan(payload.GetString("interval"));
        return new TriggerSchedule(TriggerScheduleKind.Interval, now + interval, interval);
    }

    public override void Prepare(ActivityNode node, WorkflowCompilation compilation) =>
        SchedulingValidation.CheckLiteral(node, "interval", compilation, text =>
        {
            var ts = ValueConverter.ToTimeSpan(text);
            return ts > TimeSpan.Zero ? null : "间隔必须大于 0。";
        });
}

/// <summary><c>Elsa.StartAt</c>: fires once at a date and time.</summary>
public sealed class StartAt : TimerTriggerBase
{
    public override ActivityDescriptor Descriptor { get; } = Elsa.Describe("StartAt", "Scheduling", "Start At", "Trigger execution at a specific time in the future.") with
    {
        Kind = ActivityKind.Trigger,
        Inputs = [new InputDescriptor("DateTime", "DateTimeOffset") { UIHint = "datetime-picker" }],
    };

    protected override async ValueTask<DateTimeOffset?> NextDueAsync(ActivityExecutionContext context, DateTimeOffset now) =>
        ValueConverter.ToDateTime(await context.EvaluateInputAsync("DateTime") ?? now);

    public override async ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        new() { ["executeAt"] = ValueConverter.ToText(ValueConverter.ToDateTime(await EvaluateAsync(node, "DateTime", expressions, scope) ?? DateTimeOffset.UtcNow)) };

    public override TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now) =>
        new(TriggerScheduleKind.Once, ValueConverter.ToDateTime(payload.GetString("executeAt")));
}

/// <summary>
/// <c>Elsa.Cron</c>: fires on a cron schedule. Parsed as Elsa parses it (Cronos with seconds): six fields, seconds
/// first (<c>0 0 8 * * *</c>); a five-field expression is invalid, as in Elsa.
/// </summary>
public sealed class Cron : TimerTriggerBase
{
    public override ActivityDescriptor Descriptor { get; } = Elsa.Describe("Cron", "Scheduling", "Cron", "Trigger workflow execution at a specific interval using a CRON expression.") with
    {
        Kind = ActivityKind.Trigger,
        Inputs = [new InputDescriptor("CronExpression", "String") { Description = "The CRON expression at which the timer should execute." }],
    };

    public static DateTimeOffset? NextOccurrence(string expression, DateTimeOffset after)
    {
        var cron = CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        return cron.GetNextOccurrence(after, TimeZoneInfo.Utc);
    }

    private static int FieldCount(string expression) => expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    protected override async ValueTask<DateTimeOffset?> NextDueAsync(ActivityExecutionContext context, DateTimeOffset now)
    {
        var expression = await context.GetTextAsync("CronExpression") ?? "";
        try
        {
            return NextOccurrence(expression, now);
        }
        catch (CronFormatException ex)
        {
            throw new WorkflowFaultException($"CRON 表达式 '{expression}' 无效：{ex.Message}");
        }
    }

    public override async ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        new() { ["cronExpression"] = ValueConverter.ToText(await EvaluateAsync(node, "CronExpression", expressions, scope)) };

    public override TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now)
    {
        var expression = payload.GetString("cronExpression") ?? "";
        return new TriggerSchedule(TriggerScheduleKind.Cron, NextOccurrence(expression, now), CronExpression: expression);
    }

    public override void Prepare(ActivityNode node, WorkflowCompilation compilation) =>
        SchedulingValidation.CheckLiteral(node, "cronExpression", compilation, text =>
        {
            try
            {
                NextOccurrence(text, DateTimeOffset.UnixEpoch);
                return null;
            }
            catch (CronFormatException ex)
            {
                return FieldCount(text) == 5
                    ? $"CRON 表达式 '{text}' 只有 5 段：Elsa 的 CRON 为 6 段，以秒开头（例如 '0 {text}'）。"
                    : $"CRON 表达式 '{text}' 无效：{ex.Message}";
            }
        });
}

internal static class SchedulingValidation
{
    /// <summary>Validates a literal input at load time (expressions are checked when they run).</summary>
    public static void CheckLiteral(ActivityNode node, string input, WorkflowCompilation compilation, Func<string, string?> check)
    {
        if (node.Json[input] is not JsonObject wrapped || wrapped["expression"] is not JsonObject expression) return;
        if (!string.Equals(expression.GetString("type") ?? "Literal", "Literal", StringComparison.OrdinalIgnoreCase)) return;
        var text = expression.GetString("value");
        if (string.IsNullOrWhiteSpace(text)) return;
        string? error;
        try
        {
            error = check(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            error = $"'{text}' 格式无效：{ex.Message}";
        }
        if (error is not null) compilation.Error($"{node.JsonPath}.{input}", error);
    }
}
