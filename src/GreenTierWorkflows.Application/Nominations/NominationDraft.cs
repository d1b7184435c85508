using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>What a district files when it creates a nomination.</summary>
public sealed record NominationDraft(NominationType Type, Tier TargetTier, int Year, string? EnterpriseId, string? ParkId,
    EvaluationMode EvaluationMode, string? EvaluatorName, string? StandardVersion, decimal? Score, IReadOnlyList<NegativeListDeclaration>? NegativeList);
