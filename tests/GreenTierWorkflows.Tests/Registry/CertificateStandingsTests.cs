using GreenTierWorkflows.Application.Registry;

namespace GreenTierWorkflows.Tests.Registry;

/// <summary>The 企业档案 flags a certificate 已过期 after its last day and 即将到期 within 90 days of it.</summary>
public sealed class CertificateStandingsTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Theory]
    [InlineData("2026-12-03", CertificateStanding.Expired)]
    [InlineData("2026-12-04", CertificateStanding.Expiring)]
    [InlineData("2027-03-04", CertificateStanding.Expiring)]
    [InlineData("2027-03-05", CertificateStanding.Valid)]
    public void Of_FlagsExpiredAndExpiring_ByTheDay(string expiresOn, CertificateStanding expected) =>
        Assert.Equal(expected, CertificateStandings.Of(DateOnly.Parse(expiresOn), Today));
}
