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
}
