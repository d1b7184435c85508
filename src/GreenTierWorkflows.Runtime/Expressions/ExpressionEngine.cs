using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>Evaluates activity inputs: wrapped expressions by language, raw JSON values as they are, defaults when missing.</summary>
public sealed class ExpressionEngine
{
    private readonly Dictionary<string, IExpressionEvaluator> _evaluators = new(StringComparer.OrdinalIgnoreCase);

    public ExpressionEngine(IEnumerable<IExpressionEvaluator>? evaluators = null)
    {
        foreach (var e in evaluators ?? Defaults()) _evaluators[e.Type] = e;
    }

    /// <summary>The built-in languages; JavaScript and Liquid bounded by the given limits (their defaults when null).</summary>
    public static IEnumerable<IExpressionEvaluator> Defaults(JavaScriptLimits? javaScript = null, LiquidLimits? liquid = null) =>
    [
        new LiteralEvaluator(), new ObjectEvaluator(), new ObjectEvaluator("Json"), new VariableEvaluator(),
        new InputEvaluator(), new JavaScriptEvaluator(javaScript), new LiquidEvaluator(liquid),
    ];

    public IReadOnlyCollection<IExpressionEvaluator> Evaluators => _evaluators.Values;

    public bool Supports(string type) => _evaluators.ContainsKey(type);

    /// <summary>Evaluates an expression object <c>{type, value}</c>.</summary>
    public ValueTask<object?> EvaluateAsync(string type, JsonNode? value, IExpressionScope scope)
    {
        if (!_evaluators.TryGetValue(type, out var evaluator))
            throw new ExpressionException($"不支持的表达式类型 '{type}'。");
        return evaluator.EvaluateAsync(value, scope);
    }

    /// <summary>
    /// Evaluates one input as stored in activity JSON and converts it to the input's type.
    /// Wrapped: <c>{typeName, expression:{type,value}, memoryReference}</c>; raw: the JSON value itself.
    /// </summary>
    public async ValueTask<object?> EvaluateInputAsync(JsonNode? stored, InputDescriptor? descriptor, IExpressionScope scope)
    {
        var typeName = descriptor?.TypeName;
        object? value;
        if (stored is null)
        {
            value = ValueConverter.FromJson(descriptor?.DefaultValue);
        }
        else if (stored is JsonObject wrapped && (descriptor is null || descriptor.IsWrapped) && (wrapped.ContainsKey("expression") || wrapped.ContainsKey("typeName")))
        {
            typeName ??= Definitions.JsonNodes.GetString(wrapped, "typeName");
            if (wrapped["expression"] is JsonObject expression)
            {
                var type = Definitions.JsonNodes.GetString(expression, "type") ?? "Literal";
                value = await EvaluateAsync(type, expression["value"], scope);
            }
            else
            {
                value = ValueConverter.FromJson(descriptor?.DefaultValue);
            }
        }
        else
        {
            value = ValueConverter.FromJson(stored);
        }

        try
        {
            return ValueConverter.Convert(value, typeName);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            throw new ExpressionException($"输入 '{descriptor?.Name}' 的值无法转换为 {typeName}：{ex.Message}", ex);
        }
    }
}
