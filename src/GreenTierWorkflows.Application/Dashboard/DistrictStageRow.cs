namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>One unit's nominations per review step now (<see cref="StageCount"/> by stage name).</summary>
public sealed record DistrictStageRow(string DistrictCode, string DistrictName, IReadOnlyDictionary<string, StageCount> ByStage);
