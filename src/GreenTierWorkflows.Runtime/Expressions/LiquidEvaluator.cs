using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fluid;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>
/// Liquid templates on Fluid, with Elsa's model: <c>Variables.X</c>, <c>Input.X</c>, <c>Workflow.Id</c>, <c>CorrelationId</c>.
/// A rendering is bounded by <see cref="LiquidLimits"/> (steps, recursion, output size); a limit hit is a Chinese
/// <see cref="ExpressionException"/>.
/// </summary>
public sealed class LiquidEvaluator : IExpressionEvaluator
{
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = true });
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Templates = new(StringComparer.Ordinal);
    private readonly LiquidLimits _limits;
    private readonly TemplateOptions _options;

    public LiquidEvaluator(LiquidLimits? limits = null)
    {
        _limits = limits ?? new LiquidLimits();
        _options = new TemplateOptions { MemberAccessStrategy = new UnsafeMemberAccessStrategy(), MaxSteps = _limits.MaxSteps };
        if (_limits.MaxRecursion > 0) _options.MaxRecursion = _limits.MaxRecursion;
    }

    public string Type => "Liquid";
    public string DisplayName => "Liquid";
    public string? MonacoLanguage => "liquid";

    public async ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope)
    {
        var text = ValueConverter.ToText(ValueConverter.FromJson(expression));
        if (string.IsNullOrEmpty(text)) return text;
        if (!Templates.TryGetValue(text, out var template))
        {
            if (!Parser.TryParse(text, out template, out var error))
                throw new ExpressionException($"Liquid 模板错误：{error}");
            Templates.TryAdd(text, template);
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in scope.VariableNames)
            if (scope.TryGetVariable(name, out var value)) variables[name] = ToPlain(value);

        var context = new TemplateContext(_options);
        context.SetValue("Variables", variables);
        context.SetValue("Input", ToPlain(scope.Input));
        context.SetValue("Workflow", new Dictionary<string, object?> { ["Id"] = scope.WorkflowInstanceId, ["CorrelationId"] = scope.CorrelationId });
        context.SetValue("CorrelationId", scope.CorrelationId);
        using var writer = new BoundedStringWriter(_limits.MaxOutputChars, "Liquid 模板");
        try
        {
            await template.RenderAsync(writer, context);
            return writer.ToString();
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("The maximum ", StringComparison.Ordinal))
        {
            // Fluid reports both limits with one exception type (2.41 even words a spent step budget as "recursion").
            throw new ExpressionException(
                $"Liquid 模板执行被中止：超出执行步数上限 {_limits.MaxSteps:N0} 步（循环过多）或嵌套层数上限 {_options.MaxRecursion} 层。", ex);
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"Liquid 渲染出错：{ex.Message}", ex);
        }
    }

    /// <summary>JSON becomes dictionaries and lists so Liquid can walk it.</summary>
    private static object? ToPlain(object? value) => value switch
    {
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(ValueConverter.FromJson(kv.Value))),
        JsonArray a => a.Select(x => ToPlain(ValueConverter.FromJson(x))).ToList(),
        JsonValue v => ValueConverter.FromJson(v),
        _ => value,
    };
}
