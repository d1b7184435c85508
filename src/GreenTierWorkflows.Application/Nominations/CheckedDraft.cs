using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>A <see cref="NominationDraft"/> that passed <see cref="NominationDraftRules"/>: its applicant, district and cleaned texts.</summary>
public sealed record CheckedDraft(string ApplicantName, string DistrictCode, string? EvaluatorName, string StandardVersion,
    IReadOnlyList<NegativeListDeclaration> NegativeList);
