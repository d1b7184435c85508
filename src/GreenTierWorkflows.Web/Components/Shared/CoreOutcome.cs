using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>
/// What a page makes of an endpoint core's typed result (the pages call the same cores as the REST API, so the rules and
/// messages are the API's): the value, the per-field messages of a validation problem, or a refusal's detail for an alert.
/// </summary>
public sealed class CoreOutcome<T>
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public T? Value { get; private init; }

    /// <summary>Messages by field name (the API's JSON names, e.g. <c>creditCode</c>).</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private init; } = NoErrors;

    /// <summary>Why the request was refused (403/404/409), when it was not a field problem.</summary>
    public string? Message { get; private init; }

    public bool Succeeded => Message is null && FieldErrors.Count == 0;

    public static CoreOutcome<T> From(IResult result) => result switch
    {
        INestedHttpResult nested => From(nested.Result),
        IValueHttpResult<T> ok => new() { Value = ok.Value },
        ValidationProblem invalid => new() { FieldErrors = new Dictionary<string, string[]>(invalid.ProblemDetails.Errors, StringComparer.Ordinal) },
        ProblemHttpResult refused => new() { Message = refused.ProblemDetails.Detail ?? refused.ProblemDetails.Title ?? "操作未成功，请重试。" },
        _ => throw new InvalidOperationException($"未预期的结果类型 {result.GetType().Name}。"),
    };

    /// <summary>The messages of one field, or null when it has none.</summary>
    public string? ErrorOf(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The refusal, or the field messages a form has no field for (shown in an alert so none is lost).</summary>
    public string? AlertText(IEnumerable<string> shownFields)
    {
        if (Message is not null) return Message;
        var shown = shownFields.ToHashSet(StringComparer.Ordinal);
        var rest = FieldErrors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value).ToList();
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }
}
