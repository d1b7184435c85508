using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fluid;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>Liquid templates on Fluid, with Elsa's model: <c>Variables.X</c>, <c>Input.X</c>, <c>Workflow.Id</c>, <c>CorrelationId</c>.</summary>
public sealed class LiquidEvaluator : IExpressionEvaluator
{
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = true });
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Templates = new(StringComparer.Ordinal);
    private static readonly TemplateOptions Options = CreateOptions();

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

        var context = new TemplateContext(Options);
        context.SetValue("Variables", variables);
        context.SetValue("Input", ToPlain(scope.Input));
        context.SetValue("Workflow", new Dictionary<string, object?> { ["Id"] = scope.WorkflowInstanceId, ["CorrelationId"] = scope.CorrelationId });
        context.SetValue("CorrelationId", scope.CorrelationId);
        try
        {
            return await template.RenderAsync(context);
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"Liquid 渲染出错：{ex.Message}", ex);
        }
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy = new UnsafeMemberAccessStrategy();
        return options;
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
