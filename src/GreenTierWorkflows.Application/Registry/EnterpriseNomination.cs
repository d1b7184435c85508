using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>One of an enterprise's nominations, as its 企业档案 lists them (a link to the nomination's page).</summary>
public sealed record EnterpriseNomination(string Id, int Year, NominationType Type, Tier TargetTier, NominationStatus Status, string Stage,
    DateTimeOffset? SubmittedAt);
