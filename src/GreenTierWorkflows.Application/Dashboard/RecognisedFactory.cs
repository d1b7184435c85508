using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>One green factory put on a provincial or national list in the year (the higher tier when both).</summary>
public sealed record RecognisedFactory(string Name, string DistrictName, Tier Tier, DateOnly ListedOn);
