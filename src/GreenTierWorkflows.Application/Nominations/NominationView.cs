using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// A nomination with its current materials (<see cref="Materials"/>), the versions replacements superseded
/// (<see cref="SupersededMaterials"/>), names of its codes and its workflow instance.
/// </summary>
public sealed record NominationView(string Id, NominationType Type, string TypeName, Tier TargetTier, string TierName, int Year,
    string DistrictCode, string DistrictName, string? EnterpriseId, string? ParkId, string ApplicantName, EvaluationMode EvaluationMode,
    string? EvaluatorName, string StandardVersion, decimal? Score, NominationStatus Status, string StatusName, string Stage,
    string? WorkflowInstanceId, string? WorkflowDefinitionId, int? WorkflowVersion, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt,
    IReadOnlyList<NegativeListDeclaration> NegativeList, IReadOnlyList<MaterialView> Materials, IReadOnlyList<MaterialView> SupersededMaterials)
{
    public static NominationView From(Nomination n) => new(n.Id, n.Type, DomainText.Of(n.Type), n.TargetTier, DomainText.Of(n.TargetTier), n.Year,
        n.DistrictCode, HuangshanUnits.NameOf(n.DistrictCode), n.EnterpriseId, n.ParkId, n.ApplicantName, n.EvaluationMode, n.EvaluatorName,
        n.StandardVersion, n.Score, n.Status, DomainText.Of(n.Status), n.Stage, n.WorkflowInstanceId, n.WorkflowDefinitionId, n.WorkflowVersion,
        n.CreatedAt, n.SubmittedAt, n.NegativeList, n.CurrentMaterials.Select(MaterialView.From).ToList(),
        n.Materials.Where(m => m.SupersededAt is not null).Select(MaterialView.From).ToList());
}
