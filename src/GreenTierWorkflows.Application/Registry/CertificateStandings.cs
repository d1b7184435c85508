namespace GreenTierWorkflows.Application.Registry;

/// <summary>The rule behind <see cref="CertificateStanding"/>, written once for the pages that highlight certificates.</summary>
public static class CertificateStandings
{
    /// <summary>A certificate that ends within this many days is flagged 即将到期 so the district can ask for the renewal in time.</summary>
    public const int ExpiringWithinDays = 90;

    public static CertificateStanding Of(DateOnly expiresOn, DateOnly today) =>
        expiresOn < today ? CertificateStanding.Expired
        : expiresOn <= today.AddDays(ExpiringWithinDays) ? CertificateStanding.Expiring
        : CertificateStanding.Valid;

    public static string Text(CertificateStanding standing) => standing switch
    {
        CertificateStanding.Expired => "已过期",
        CertificateStanding.Expiring => "即将到期",
        _ => "有效",
    };
}
