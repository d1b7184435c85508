namespace GreenTierWorkflows.Application.Pools;

/// <summary>Enrols an enterprise or a park (exactly one) in a year's cultivation pool.</summary>
public sealed record PoolEnrolment(int? Year, string? EnterpriseId, string? ParkId, string? TargetType, string? GuidanceNotes = null);
