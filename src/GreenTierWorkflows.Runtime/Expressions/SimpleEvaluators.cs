using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>A value stored as given (string, number or boolean).</summary>
public sealed class LiteralEvaluator : IExpressionEvaluator
{
    public string Type => "Literal";
    public string DisplayName => "Literal";
    public bool IsBrowsable => false;
    public ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope) => ValueTask.FromResult(ValueConverter.FromJson(expression));
}

/// <summary>JSON text parsed into an object or array (<c>Object</c>, and its obsolete alias <c>Json</c>).</summary>
public sealed class ObjectEvaluator(string type = "Object") : IExpressionEvaluator
{
    public string Type => type;
    public string DisplayName => type;
    public bool IsBrowsable => false;
    public string? MonacoLanguage => "json";

    public ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope)
    {
        if (expression is not JsonValue v || !v.TryGetValue<string>(out var text)) return ValueTask.FromResult<object?>(expression?.DeepClone());
        if (string.IsNullOrWhiteSpace(text)) return ValueTask.FromResult<object?>(null);
        try
        {
            return ValueTask.FromResult<object?>(JsonNodes.Parse(text));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ExpressionException($"Object 表达式不是合法的 JSON：{ex.Message}", ex);
        }
    }
}

/// <summary>Reads a variable named by a variable object (<c>{"id","name"}</c>) or by name.</summary>
public sealed class VariableEvaluator : IExpressionEvaluator
{
    public string Type => "Variable";
    public string DisplayName => "Variable";

    public ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope)
    {
        var key = ReferenceKey(expression);
        if (key is null) return ValueTask.FromResult<object?>(null);
        if (scope.TryGetVariable(key.Value.Id, out var value) || scope.TryGetVariable(key.Value.Name, out value))
            return ValueTask.FromResult(value);
        throw new ExpressionException($"变量 '{key.Value.Name}' 未定义。");
    }

    internal static (string Id, string Name)? ReferenceKey(JsonNode? expression)
    {
        var node = expression;
        if (node is JsonValue v && v.TryGetValue<string>(out var text))
        {
            text = text.Trim();
            if (text.Length == 0) return null;
            if (!text.StartsWith('{')) return (text, text);
            node = JsonNodes.Parse(text);
        }
        if (node is JsonObject o)
        {
            var name = o.GetString("name") ?? o.GetString("id") ?? "";
            return (o.GetString("id") ?? name, name);
        }
        return null;
    }
}

/// <summary>Reads a workflow input named by an input definition (<c>{"name"}</c>) or by name.</summary>
public sealed class InputEvaluator : IExpressionEvaluator
{
    public string Type => "Input";
    public string DisplayName => "Input";

    public ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope)
    {
        var key = VariableEvaluator.ReferenceKey(expression);
        if (key is null) return ValueTask.FromResult<object?>(null);
        return ValueTask.FromResult(ValueConverter.FromJson(scope.Input.GetAny(key.Value.Name)));
    }
}
