namespace GreenTierWorkflows.Domain.Refusals;

/// <summary>Why a request is refused, as the API maps it: 400 (validation), 404, 403 or 409.</summary>
public enum DomainErrorKind { Validation, NotFound, Forbidden, Conflict }
