using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>A nomination as the list export shows it: its own columns and its enterprise's credit code, read in one query.</summary>
public sealed record NominationListRow(string Id, string ApplicantName, string? CreditCode, NominationType Type, Tier TargetTier, int Year,
    string DistrictCode, NominationStatus Status, string Stage, decimal? Score, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);
