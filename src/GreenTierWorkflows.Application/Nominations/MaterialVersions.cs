using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// The version history of a nomination's materials: each replacement (替换材料) links the superseded material to the one
/// that replaced it, so every current material heads a chain of earlier versions (v1 the first upload).
/// </summary>
public static class MaterialVersions
{
    /// <summary>
    /// The nomination's materials as version chains: one per current material, in category order of first upload, each
    /// with its earlier versions newest first.
    /// </summary>
    public static IReadOnlyList<MaterialVersionChain> ChainsOf(IEnumerable<Material> materials)
    {
        var all = materials.ToList();
        var replacedBy = all.Where(m => m.SupersededById is not null).ToLookup(m => m.SupersededById!, StringComparer.Ordinal);
        var chains = new List<MaterialVersionChain>();
        foreach (var current in all.Where(m => m.SupersededAt is null))
        {
            var earlier = new List<Material>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { current.Id };
            for (var head = current; replacedBy[head.Id].OrderByDescending(m => m.UploadedAt).FirstOrDefault() is { } before && seen.Add(before.Id); head = before)
                earlier.Add(before);
            chains.Add(new MaterialVersionChain(current, earlier));
        }
        return chains.OrderBy(c => c.FirstUploadedAt).ThenBy(c => c.Current.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The version number of <paramref name="material"/> within its chain: 1 for a first upload, n+1 for the replacement of vn.</summary>
    public static int VersionOf(IEnumerable<Material> materials, Material material)
    {
        var byId = materials.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var replacedBy = byId.Values.Where(m => m.SupersededById is not null).ToLookup(m => m.SupersededById!, StringComparer.Ordinal);
        var version = 1;
        var seen = new HashSet<string>(StringComparer.Ordinal) { material.Id };
        for (var head = material; replacedBy[head.Id].FirstOrDefault() is { } before && seen.Add(before.Id); head = before) version++;
        return version;
    }
}
