using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>The year's nominations of one unit by type.</summary>
public sealed record DistrictTypeRow(string DistrictCode, string DistrictName, IReadOnlyDictionary<NominationType, int> ByType)
{
    public int Total => ByType.Values.Sum();
}
