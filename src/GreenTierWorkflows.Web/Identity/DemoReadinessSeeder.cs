using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>
/// Demo mode: gives the demo enterprises the facts the readiness ladder (培育梯度) reads — certificates, energy use, last
/// year's city listing and nomination (score, negative-list self-check), a rejection — so that a new user sees pool
/// members in every state at once (屯溪区 has one 已列入/可申报, one 差 N 项 with an expiring certificate, one 不符合条件).
/// Runs once: when any demo enterprise already has an energy figure, nothing is changed.
/// </summary>
public sealed class DemoReadinessSeeder(GreenTierDbContext db, IOptions<DemoOptions> demo, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (!demo.Value.Enabled) return;
        var codes = DemoRegistrySeeder.Enterprises.Select(e => (e.Sequence, Code: DemoRegistrySeeder.DemoCreditCode(e.District, e.Sequence))).ToList();
        var all = codes.Select(c => c.Code).ToList();
        var enterprises = await db.Enterprises.Where(e => all.Contains(e.CreditCode)).ToListAsync(ct);
        if (enterprises.Count == 0 || enterprises.Any(e => e.UnitProductEnergy != null)) return;
        var bySequence = codes.Select(c => (c.Sequence, Enterprise: enterprises.FirstOrDefault(e => e.CreditCode == c.Code)))
            .Where(x => x.Enterprise is not null).ToDictionary(x => x.Sequence, x => x.Enterprise!);
        var now = clock.GetUtcNow();
        var year = ChinaTime.CurrentYear(clock);
        var validUntil = new DateOnly(year + 2, 12, 31);

        foreach (var (sequence, e) in bySequence)
        {
            e.UnitProductEnergy = 0.2m + sequence % 5 * 0.03m;
            // Most demo enterprises hold the four certificates; 3 holds none, 12 misses the energy-management one.
            if (sequence != 3)
                e.Certifications = [.. Certification.RequiredStandards.Where(s => sequence != 12 || s != "GB/T 23331")
                    .Select((s, i) => new Certification { Standard = s, CertificateNumber = $"DEMO-{sequence:D2}-{i + 1}", ExpiresOn = validUntil })];
        }
        // 2: the GB/T 45001 certificate lapses before this round's windows close.
        if (bySequence.TryGetValue(2, out var lacquer))
            lacquer.Certifications.Single(c => c.Standard == "GB/T 45001").ExpiresOn = new DateOnly(year, 12, 30);
        // 4: energy above the tea industry's benchmark.
        if (bySequence.TryGetValue(4, out var tea)) tea.UnitProductEnergy = 0.42m;

        // Last year's nominations: listed at city level (1, 8), scored and self-checked (2, 6), one negative-list hit (3), one rejection (15).
        Add(bySequence, 1, year - 1, NominationStatus.Listed, 88m, hit: null, listed: true);
        Add(bySequence, 2, year - 1, NominationStatus.Rejected, 82m, hit: null, listed: false, stage: StageNames.CityReviewFailed);
        Add(bySequence, 3, year - 1, NominationStatus.Withdrawn, null, hit: 6, listed: false);
        Add(bySequence, 6, year - 1, NominationStatus.Withdrawn, 86m, hit: null, listed: false);
        Add(bySequence, 8, year - 3, NominationStatus.Listed, 84m, hit: null, listed: true);
        Add(bySequence, 15, year - 1, NominationStatus.Rejected, 76m, hit: null, listed: false, stage: StageNames.OnSiteVerificationFailed);
        await db.SaveChangesAsync(ct);

        void Add(Dictionary<int, Enterprise> found, int sequence, int nominationYear, NominationStatus status, decimal? score, int? hit, bool listed, string? stage = null)
        {
            if (!found.TryGetValue(sequence, out var e)) return;
            var at = ChinaTime.At(new DateOnly(nominationYear, 5, 20), new TimeOnly(9, 0));
            var id = RegistryRules.NewId();
            db.Nominations.Add(new Nomination
            {
                Id = id, Type = NominationType.GreenFactory, TargetTier = Tier.City, Year = nominationYear, DistrictCode = e.DistrictCode, EnterpriseId = e.Id,
                ApplicantName = e.Name, Score = score, Status = status, Stage = stage ?? (status == NominationStatus.Listed ? StageNames.ListedCity : StageNames.Draft),
                CreatedAt = at, SubmittedAt = at, UpdatedAt = at.AddMonths(3), CreatedBy = "demo",
                NegativeList = [.. Enumerable.Range(1, NegativeList.Items.Count).Select(i => new NegativeListDeclaration
                    { Item = i, Clear = i != hit, Evidence = i == hit ? "演示数据：信用中国查询显示列为失信被执行人" : null })],
            });
            if (listed)
                db.Listings.Add(new Listing
                {
                    Id = RegistryRules.NewId(), Type = NominationType.GreenFactory, Tier = Tier.City, EnterpriseId = e.Id, ApplicantName = e.Name,
                    DistrictCode = e.DistrictCode, Year = nominationYear, ListedOn = new DateOnly(nominationYear, 9, 1), NominationId = id,
                    Status = ListingStatus.Active, LastAnnualReportYear = year,
                });
        }
    }
}
