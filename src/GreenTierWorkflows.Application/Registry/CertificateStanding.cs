namespace GreenTierWorkflows.Application.Registry;

/// <summary>Where a management-system certificate stands on a given day: 有效, 即将到期 (within <see cref="CertificateStandings.ExpiringWithinDays"/>) or 已过期.</summary>
public enum CertificateStanding { Valid, Expiring, Expired }
