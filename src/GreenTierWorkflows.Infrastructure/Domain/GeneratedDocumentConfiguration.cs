using GreenTierWorkflows.Domain.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>The document archive: one row per generated version, numbered per subject, kind and format.</summary>
internal sealed class GeneratedDocumentConfiguration : IEntityTypeConfiguration<GeneratedDocument>
{
    public void Configure(EntityTypeBuilder<GeneratedDocument> e)
    {
        e.ToTable("GeneratedDocuments");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Format).HasMaxLength(10);
        e.Property(x => x.Subject).HasMaxLength(120);
        e.Property(x => x.NominationId).HasMaxLength(64);
        e.Property(x => x.DistrictCode).HasMaxLength(20);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.DataVersion).HasMaxLength(64);
        e.Property(x => x.GeneratedBy).HasMaxLength(100);
        e.Property(x => x.ScanFileName).HasMaxLength(200);
        e.Property(x => x.ScanSha256).HasMaxLength(64);
        e.Property(x => x.ScanUploadedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.Subject, x.Kind, x.Format, x.Version }).IsUnique();
        e.HasIndex(x => x.NominationId);
    }
}
