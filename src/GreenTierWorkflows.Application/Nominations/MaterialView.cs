using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>One stored PDF material of a nomination.</summary>
public sealed record MaterialView(string Id, string Category, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt)
{
    public static MaterialView From(Material m) => new(m.Id, m.Category, m.FileName, m.Size, m.Sha256, m.UploadedAt);
}
