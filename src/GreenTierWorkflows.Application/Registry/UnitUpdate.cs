namespace GreenTierWorkflows.Application.Registry;

/// <summary>Renames a unit's bureau (经信局 → 工信局).</summary>
public sealed record UnitUpdate(string? BureauName);
