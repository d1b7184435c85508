using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>A current material and the versions it replaced, newest first (<see cref="Earlier"/>[0] is the one it replaced).</summary>
public sealed record MaterialVersionChain(Material Current, IReadOnlyList<Material> Earlier)
{
    /// <summary>The current version's number (v1 when nothing was replaced).</summary>
    public int Version => Earlier.Count + 1;

    /// <summary>When the chain's first version was uploaded: chains are listed in that order.</summary>
    public DateTimeOffset FirstUploadedAt => Earlier.Count == 0 ? Current.UploadedAt : Earlier[^1].UploadedAt;
}
