using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>What an expression can see and change: variables, workflow input, identity of the run.</summary>
public interface IExpressionScope
{
    string WorkflowInstanceId { get; }
    string? CorrelationId { get; set; }
    /// <summary>Names of the variables visible to the expression.</summary>
    IEnumerable<string> VariableNames { get; }
    bool TryGetVariable(string nameOrId, out object? value);
    void SetVariable(string nameOrId, object? value);
    /// <summary>The workflow input (or, while resuming, the resume input merged over it).</summary>
    JsonObject Input { get; }
}

/// <summary>Thrown when an expression cannot be evaluated; becomes an incident on the activity.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One expression language (Literal, Object, Variable, JavaScript, Liquid…).</summary>
public interface IExpressionEvaluator
{
    string Type { get; }
    string DisplayName { get; }
    /// <summary>Monaco language Studio uses for the editor, if any.</summary>
    string? MonacoLanguage => null;
    bool IsBrowsable => true;
    ValueTask<object?> EvaluateAsync(JsonNode? expression, IExpressionScope scope);
}
