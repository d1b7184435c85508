using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Windows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenTierWorkflows.Infrastructure.Domain;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> e)
    {
        e.ToTable("Units");
        e.HasKey(u => u.Code);
        e.Property(u => u.Level).HasConversion<string>();
        e.HasData(HuangshanUnits.Seed.Select(u => new AdministrativeUnit { Code = u.Code, Name = u.Name, BureauName = u.BureauName, Level = u.Level, SortOrder = u.SortOrder }));
    }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        e.ToTable("Enterprises");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.HasIndex(x => x.DistrictCode);
        e.Property(x => x.Ownership).HasConversion<string>();
        e.OwnsMany(x => x.Certifications, c => c.ToJson());
        e.Ignore(x => x.IsManufacturing);
    }
}

internal sealed class ParkConfiguration : IEntityTypeConfiguration<IndustrialPark>
{
    public void Configure(EntityTypeBuilder<IndustrialPark> e)
    {
        e.ToTable("Parks");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class PoolConfiguration : IEntityTypeConfiguration<PoolMembership>
{
    public void Configure(EntityTypeBuilder<PoolMembership> e)
    {
        e.ToTable("PoolMemberships");
        e.HasKey(x => x.Id);
        e.Property(x => x.TargetType).HasConversion<string>();
        e.HasIndex(x => new { x.DistrictCode, x.Year });
        e.HasIndex(x => new { x.EnterpriseId, x.Year });
        e.HasIndex(x => new { x.ParkId, x.Year });
        e.Ignore(x => x.IsActive);
    }
}

/// <summary>培育梯度's stored standings: one row per ladder member (see <see cref="MemberStanding"/>).</summary>
internal sealed class MemberStandingConfiguration : IEntityTypeConfiguration<MemberStanding>
{
    public void Configure(EntityTypeBuilder<MemberStanding> e)
    {
        e.ToTable("MemberStandings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Generation).HasMaxLength(80);
        e.Property(x => x.TargetType).HasConversion<string>();
        // One index per tier, in the ladder's order after the standing (a page stops after its rows, a count reads a range), the type last so it covers the type filter.
        e.HasIndex(x => new { x.Generation, x.City, x.DistrictCode, x.MemberName, x.Id, x.TargetType }).HasDatabaseName("IX_MemberStandings_City");
        e.HasIndex(x => new { x.Generation, x.Province, x.DistrictCode, x.MemberName, x.Id, x.TargetType }).HasDatabaseName("IX_MemberStandings_Province");
        e.HasIndex(x => new { x.Generation, x.National, x.DistrictCode, x.MemberName, x.Id, x.TargetType }).HasDatabaseName("IX_MemberStandings_National");
    }
}

internal sealed class MemberStandingInvalidationConfiguration : IEntityTypeConfiguration<MemberStandingInvalidation>
{
    public void Configure(EntityTypeBuilder<MemberStandingInvalidation> e)
    {
        e.ToTable("MemberStandingInvalidations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Subject).HasMaxLength(80);
    }
}

internal sealed class MemberStandingGenerationConfiguration : IEntityTypeConfiguration<MemberStandingGeneration>
{
    public void Configure(EntityTypeBuilder<MemberStandingGeneration> e)
    {
        e.ToTable("MemberStandingGenerations");
        e.HasKey(x => x.Generation);
        e.Property(x => x.Generation).HasMaxLength(80);
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> e)
    {
        e.ToTable("Nominations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasConversion<string>();
        e.Property(x => x.TargetTier).HasConversion<string>();
        e.Property(x => x.EvaluationMode).HasConversion<string>();
        e.Property(x => x.Status).HasConversion<string>();
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.OwnsMany(x => x.NegativeList, n => n.ToJson());
        e.HasMany(x => x.Materials).WithOne().HasForeignKey(m => m.NominationId);
        e.Ignore(x => x.CurrentMaterials); // a view of Materials, not a second relationship
        // Lists and the dashboard: a year's (district's) nominations newest first, read in index order; the duplicate check on
        // create is an equality on the applicant, year and type.
        // A district's year list (and its .xlsx) in the list's order, the id breaking ties as in the city's: without the id the
        // planner preferred walking the whole year by CreatedAt and dropping other units' rows (12.5k of 100k: 8–13 s to export).
        e.HasIndex(x => new { x.Year, x.DistrictCode, x.CreatedAt, x.Id });
        e.HasIndex(x => x.CreatedAt);
        // The city's year list in its default order (CreatedAt, Id — the Id breaks ties): read in index order, so a page far
        // down walks the index only (OFFSET skips index entries; without it every page sorted the whole year: 9.9 s at 100k).
        e.HasIndex(x => new { x.Year, x.CreatedAt, x.Id });
        // The list sorted by applicant (A→Z or Z→A, the Id breaking ties) is read in index order too, the city's and a district's
        // (without the district's own index SQLite walks the year's and looks up every row's district: 0.4 s at 100k).
        e.HasIndex(x => new { x.Year, x.ApplicantName, x.Id });
        e.HasIndex(x => new { x.Year, x.DistrictCode, x.ApplicantName, x.Id });
        e.HasIndex(x => new { x.Year, x.Status });
        // The dashboard's counts of a year's (unit's) nominations — by unit and type, by step now, submitted — read this index
        // alone instead of every nomination row of the year (the id for the submitted count's look-up of stays).
        e.HasIndex(x => new { x.Year, x.DistrictCode, x.Type, x.Status, x.Stage, x.SubmittedAt, x.Id }).HasDatabaseName("IX_Nominations_Dashboard");
        // The funnel's 已提交 counts a nomination without a submission date when its history has a district review; the dashboard's
        // counts hold the dated ones, so only the undated (drafts, a few a unit) are looked up, on this partial index.
        e.HasIndex(x => new { x.Year, x.DistrictCode, x.Id }).HasFilter("\"SubmittedAt\" IS NULL").HasDatabaseName("IX_Nominations_Unsubmitted");
        e.HasIndex(x => new { x.EnterpriseId, x.Year, x.Type });
        e.HasIndex(x => new { x.ParkId, x.Year, x.Type });
    }
}

internal sealed class MaterialConfiguration : IEntityTypeConfiguration<Material>
{
    public void Configure(EntityTypeBuilder<Material> e)
    {
        e.ToTable("Materials");
        e.HasKey(x => x.Id);
        // A decision's files stay out of every list and download until the decision is recorded (see Material.PendingSince).
        // Code that must see them too (content clean-up, the sweeper, the effect applier) uses IgnoreQueryFilters.
        e.HasQueryFilter(x => x.PendingSince == null);
        e.Property(x => x.PendingTaskId).HasMaxLength(64);
        e.Property(x => x.SupersededById).HasMaxLength(64);
        e.Property(x => x.SupersededBy).HasMaxLength(64);
        e.HasIndex(x => x.PendingSince);
    }
}

internal sealed class MaterialContentConfiguration : IEntityTypeConfiguration<MaterialContent>
{
    public void Configure(EntityTypeBuilder<MaterialContent> e)
    {
        e.ToTable("MaterialContents");
        e.HasKey(x => x.Sha256);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}

internal sealed class NominationEventConfiguration : IEntityTypeConfiguration<NominationEvent>
{
    public void Configure(EntityTypeBuilder<NominationEvent> e)
    {
        e.ToTable("NominationEvents");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.NominationId, x.Id });
    }
}

internal sealed class NominationStageStayConfiguration : IEntityTypeConfiguration<NominationStageStay>
{
    public void Configure(EntityTypeBuilder<NominationStageStay> e)
    {
        e.ToTable("NominationStageStays");
        e.HasKey(x => new { x.NominationId, x.Ordinal });
        e.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Type).HasConversion<string>();
        // The dashboard's reads, index only: per stage, the first stays counted (reached) and the ended ones walked in order of
        // length (the median is the middle entry) — the city's over the year, a unit's over its part of the year.
        e.HasIndex(x => new { x.Year, x.Stage, x.Days, x.First }).HasDatabaseName("IX_NominationStageStays_City");
        e.HasIndex(x => new { x.Year, x.DistrictCode, x.Stage, x.Days, x.First }).HasDatabaseName("IX_NominationStageStays_District");
    }
}

internal sealed class DashboardCountConfiguration : IEntityTypeConfiguration<DashboardCount>
{
    public void Configure(EntityTypeBuilder<DashboardCount> e)
    {
        e.ToTable("DashboardCounts");
        e.HasKey(x => x.Id);
        // A count is read as the sum of its key's rows, the year and measure first (the city's), covering: the index alone answers.
        e.HasIndex(x => new { x.Year, x.Measure, x.Stage, x.DistrictCode, x.Detail, x.Count }).HasDatabaseName("IX_DashboardCounts_Key");
    }
}

internal sealed class ReviewTaskConfiguration : IEntityTypeConfiguration<ReviewTask>
{
    public void Configure(EntityTypeBuilder<ReviewTask> e)
    {
        e.ToTable("ReviewTasks");
        e.HasKey(x => x.Id);
        e.Property(x => x.Status).HasConversion<string>();
        e.Property(x => x.NominationType).HasConversion<string>();
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.Property(x => x.Checklist).HasConversion(JsonColumn.Converter<ChecklistItem>(), JsonColumn.Comparer<ChecklistItem>()).HasDefaultValue(new List<ChecklistItem>());
        e.Property(x => x.ChecklistAnswers).HasConversion(JsonColumn.Converter<ChecklistAnswer>(), JsonColumn.Comparer<ChecklistAnswer>()).HasDefaultValue(new List<ChecklistAnswer>());
        // The inbox's index is an expression index matching its ORDER BY (DueAt IS NULL, DueAt, CreatedAt), created by the
        // ScaleIndexes migration in SQL (EF Core models no expression index); the deadline monitor reads open tasks by due time.
        e.HasIndex(x => new { x.Status, x.DueAt });
        e.HasIndex(x => x.NominationId);
        // The dashboard's review steps now: a year's open tasks per step, counted and their median wait read by OFFSET in
        // order of creation, from this index alone (before: every open task read and each step's tasks sorted).
        e.HasIndex(x => new { x.Status, x.Year, x.Stage, x.CreatedAt, x.Id, x.DistrictCode, x.AssigneeRole, x.DueAt }).HasDatabaseName("IX_ReviewTasks_Dashboard");
    }
}

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> e)
    {
        e.ToTable("Listings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasConversion<string>();
        e.Property(x => x.Tier).HasConversion<string>();
        e.Property(x => x.Status).HasConversion<string>();
        e.HasIndex(x => x.EnterpriseId);
        e.HasIndex(x => x.ParkId);
        e.HasIndex(x => new { x.Status, x.Year });
    }
}

internal sealed class DeclarationWindowConfiguration : IEntityTypeConfiguration<DeclarationWindow>
{
    public void Configure(EntityTypeBuilder<DeclarationWindow> e)
    {
        e.ToTable("DeclarationWindows");
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasConversion<string>();
        e.Property(x => x.Tier).HasConversion<string>();
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasIndex(x => new { x.Year, x.Type, x.Tier }).IsUnique();
        e.Ignore(x => x.SubmissionEndsAt);
    }
}

internal sealed class OutboxNoticeConfiguration : IEntityTypeConfiguration<OutboxNotice>
{
    public void Configure(EntityTypeBuilder<OutboxNotice> e)
    {
        e.ToTable("OutboxNotices");
        e.HasKey(x => x.Id);
        e.Property(x => x.Status).HasConversion<string>();
        e.HasIndex(x => x.DedupKey).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}

internal sealed class OfficialMessageConfiguration : IEntityTypeConfiguration<OfficialMessage>
{
    public void Configure(EntityTypeBuilder<OfficialMessage> e)
    {
        e.ToTable("OfficialMessages");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(40);
        e.Property(x => x.RecipientUserId).HasMaxLength(450);
        e.Property(x => x.NoticeId).HasMaxLength(40);
        e.Property(x => x.Kind).HasMaxLength(60);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.Link).HasMaxLength(500);
        e.HasIndex(x => x.NoticeId).IsUnique();
        e.HasIndex(x => new { x.RecipientUserId, x.CreatedAt });
        e.HasIndex(x => new { x.RecipientUserId, x.ReadAt });
    }
}

internal sealed class EffectCursorConfiguration : IEntityTypeConfiguration<EffectCursor>
{
    public void Configure(EntityTypeBuilder<EffectCursor> e)
    {
        e.ToTable("EffectCursors");
        e.HasKey(x => x.Consumer);
        e.Property(x => x.Sequence).IsConcurrencyToken();
    }
}
