using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Tasks;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>A nomination with its 办理历史, the review tasks still open on it and who is applying.</summary>
public sealed record NominationOverview(Nomination Nomination, IReadOnlyList<NominationEvent> History, IReadOnlyList<ReviewTask> OpenTasks, ApplicantProfile Applicant);
