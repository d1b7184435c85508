using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// One stored PDF material of a nomination; a replaced one (已被替换) names the material that superseded it, when and by whom.
/// </summary>
public sealed record MaterialView(string Id, string Category, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt,
    string? SupersededById = null, DateTimeOffset? SupersededAt = null, string? SupersededBy = null)
{
    public static MaterialView From(Material m) => new(m.Id, m.Category, m.FileName, m.Size, m.Sha256, m.UploadedAt, m.SupersededById, m.SupersededAt, m.SupersededBy);
}
