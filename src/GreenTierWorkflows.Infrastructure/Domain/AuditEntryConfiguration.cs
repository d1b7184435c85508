using GreenTierWorkflows.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// The security audit table: indexed for the administrators' filters (time, action, account, address), each with the
/// time so the newest-first page reads in index order. The lengths are those <see cref="Audit.EfAuditLog"/> trims to.
/// UPDATE and DELETE are refused by triggers created in the AddSecurityAudit migration (not part of the model).
/// </summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string Table = "AuditEntries";

    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable(Table);
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Action).HasMaxLength(Audit.AuditLimits.Action);
        e.Property(x => x.ActorId).HasMaxLength(Audit.AuditLimits.ActorId);
        e.Property(x => x.ActorName).HasMaxLength(Audit.AuditLimits.ActorName);
        e.Property(x => x.ClientAddress).HasMaxLength(Audit.AuditLimits.ClientAddress);
        e.Property(x => x.Target).HasMaxLength(Audit.AuditLimits.Target);
        e.Property(x => x.Detail).HasMaxLength(Audit.AuditLimits.Detail);
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.Action, x.At });
        e.HasIndex(x => new { x.ActorName, x.At });
        e.HasIndex(x => new { x.ClientAddress, x.At });
    }
}
