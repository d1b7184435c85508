using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Tasks;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>
/// A review task with its nomination and 办理历史; <see cref="RecommendationQuota"/> (the year's quota and how many are
/// recommended) only for a recommendation task.
/// </summary>
public sealed record TaskOverview(ReviewTask Task, Nomination Nomination, IReadOnlyList<NominationEvent> History, (int Total, int Used)? RecommendationQuota,
    GreenTierWorkflows.Application.Nominations.ApplicantProfile Applicant);
