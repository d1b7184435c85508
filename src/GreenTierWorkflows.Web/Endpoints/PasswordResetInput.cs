namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>A temporary password set by an administrator.</summary>
public sealed record PasswordResetInput(string? Password);
