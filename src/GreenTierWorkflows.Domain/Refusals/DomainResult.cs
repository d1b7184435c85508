namespace GreenTierWorkflows.Domain.Refusals;

/// <summary>A value or the reason there is none.</summary>
public sealed record DomainResult<T>(T? Value, DomainError? Error)
{
    public bool Ok => Error is null;
    public static implicit operator DomainResult<T>(DomainError error) => new(default, error);
    public static implicit operator DomainResult<T>(T value) => new(value, null);
    public static DomainResult<T> Success(T value) => new(value, null);

    /// <summary>The messages of one field, or null (see <see cref="DomainError.ErrorOf"/>).</summary>
    public string? ErrorOf(string field) => Error?.ErrorOf(field);

    /// <summary>The alert text of a refusal, or null (see <see cref="DomainError.AlertText"/>).</summary>
    public string? AlertText(IEnumerable<string> shownFields) => Error?.AlertText(shownFields);
}
