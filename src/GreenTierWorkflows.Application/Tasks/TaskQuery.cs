using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>Filters of the task inbox; <see cref="Keyword"/> is the applicant's name or credit code (<see cref="Paging.ListKeyword"/>).</summary>
public sealed record TaskQuery(bool IncludeCompleted = false, NominationType? Type = null, int? Year = null, DateTimeOffset? DueBefore = null,
    string? District = null, string? Stage = null, int Page = 0, int PageSize = 20, string? Keyword = null);
