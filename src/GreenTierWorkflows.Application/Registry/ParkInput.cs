namespace GreenTierWorkflows.Application.Registry;

/// <summary>An industrial park as entered (create, or full replacement on update).</summary>
public sealed record ParkInput(
    string? Name,
    string? DistrictCode,
    string? Level = null,
    string? ParkType = null,
    string? Address = null,
    string? ManagerName = null,
    string? ContactName = null,
    string? ContactPhone = null,
    string? ContactEmail = null,
    string? Introduction = null);
