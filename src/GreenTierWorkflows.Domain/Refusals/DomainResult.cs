namespace GreenTierWorkflows.Domain.Refusals;

/// <summary>A value or the reason there is none.</summary>
public sealed record DomainResult<T>(T? Value, DomainError? Error)
{
    public bool Ok => Error is null;
    public static implicit operator DomainResult<T>(DomainError error) => new(default, error);
    public static DomainResult<T> Success(T value) => new(value, null);
}
