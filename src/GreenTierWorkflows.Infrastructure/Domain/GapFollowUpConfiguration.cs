using GreenTierWorkflows.Domain.Pools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>The readiness checklist's follow-ups: one per pool member and criterion, read per member and per district.</summary>
internal sealed class GapFollowUpConfiguration : IEntityTypeConfiguration<GapFollowUp>
{
    public void Configure(EntityTypeBuilder<GapFollowUp> e)
    {
        e.ToTable("GapFollowUps");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.PoolMembershipId).HasMaxLength(64);
        e.Property(x => x.DistrictCode).HasMaxLength(20);
        e.Property(x => x.CriterionKey).HasMaxLength(80);
        e.Property(x => x.Guidance).HasMaxLength(1000);
        e.Property(x => x.Assignee).HasMaxLength(50);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.PoolMembershipId, x.CriterionKey }).IsUnique();
        e.HasIndex(x => x.DistrictCode);
    }
}
