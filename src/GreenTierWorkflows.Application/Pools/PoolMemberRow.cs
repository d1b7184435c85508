using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;

namespace GreenTierWorkflows.Application.Pools;

/// <summary>A pool member with where it stands, as one database row (<see cref="CultivationPool.WithStanding"/>).</summary>
public sealed record PoolMemberRow(PoolMembership Member, Tier? ListedTier, string? OpenNominationId, string? OpenNominationStage)
{
    public PoolMemberDto ToDto() => PoolMemberDto.From(Member, new PoolMemberStanding(ListedTier, OpenNominationId, OpenNominationStage));
}
