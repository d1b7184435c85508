namespace GreenTierWorkflows.Domain.Refusals;

/// <summary>Why a request was refused, in Chinese, with field-level messages for forms.</summary>
public sealed record DomainError(DomainErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static DomainError NotFound(string what) => new(DomainErrorKind.NotFound, $"{what}不存在或无权访问。");
    public static DomainError Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
    public static DomainError Conflict(string message) => new(DomainErrorKind.Conflict, message);
    public static DomainError Invalid(string field, string message) =>
        new(DomainErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });
    public static DomainError Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new(DomainErrorKind.Validation, string.Join("；", fields.Values.SelectMany(v => v)), fields);

    /// <summary>The messages of one field (the input's JSON name, e.g. <c>creditCode</c>), or null when it has none.</summary>
    public string? ErrorOf(string field) => Fields is not null && Fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>
    /// What a form shows in its alert: the refusal itself, or the field messages the form has no field for, so no
    /// message is lost; null when every message sits under a shown field.
    /// </summary>
    public string? AlertText(IEnumerable<string> shownFields)
    {
        if (Kind != DomainErrorKind.Validation || Fields is null || Fields.Count == 0) return Message;
        var shown = shownFields.ToHashSet(StringComparer.Ordinal);
        var rest = Fields.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value).ToList();
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }
}
