namespace GreenTierWorkflows.Application.Accounts;

/// <summary>An administrator's change of an account's display name, role and jurisdiction (all three as they should be afterwards).</summary>
public sealed record AccountChange(string? DisplayName, string? Role, string? Jurisdiction);
