namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>An official's own password change.</summary>
public sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);
