using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using NominationRecord = GreenTierWorkflows.Domain.Nominations.Nomination;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// What the record says about one pool member, as the assessment reads it: the membership, its enterprise (none for a
/// park), its listings (active and revoked) and its nominations (newest first) of every type and year. The service reads
/// only the fields the assessment judges (<see cref="ReadinessService.NominationsOf"/>, <see cref="ReadinessService.EnterprisesOf"/>).
/// </summary>
public sealed record MemberFacts(PoolMembership Member, Enterprise? Enterprise, IReadOnlyList<Listing> Listings, IReadOnlyList<NominationRecord> Nominations);
