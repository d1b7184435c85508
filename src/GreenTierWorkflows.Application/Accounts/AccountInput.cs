namespace GreenTierWorkflows.Application.Accounts;

/// <summary>A new account as an administrator enters it; <see cref="Password"/> is the initial password (Identity's rules apply).</summary>
public sealed record AccountInput(string? UserName, string? DisplayName, string? Role, string? Jurisdiction, string? Password);
