namespace GreenTierWorkflows.Application.Registry;

/// <summary>One certificate as entered.</summary>
public sealed record CertificationInput(string? Standard, string? CertificateNumber, DateOnly? ExpiresOn);
