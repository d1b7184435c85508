namespace GreenTierWorkflows.Domain.Officials;

/// <summary>The roles of the system (ASP.NET Core Identity role names).</summary>
public static class Roles
{
    /// <summary>District/county bureau staff (区县工信局、高新区经贸局); always bound to one unit.</summary>
    public const string District = "DistrictOfficial";
    /// <summary>City bureau reviewers (市级评审).</summary>
    public const string CityReviewer = "CityReviewer";
    /// <summary>The on-site verification team (现场核查组).</summary>
    public const string Verifier = "Verifier";
    /// <summary>The provincial liaison who records provincial and national results.</summary>
    public const string Province = "ProvincialLiaison";
    public const string Designer = "WorkflowDesigner";
    public const string Admin = "Administrator";

    public static readonly string[] All = [District, CityReviewer, Verifier, Province, Designer, Admin];
    /// <summary>Who may open Elsa Studio and change workflow definitions.</summary>
    public const string Designers = Designer + "," + Admin;

    /// <summary>Chinese names for the UI and notices.</summary>
    public static string DisplayName(string role) => role switch
    {
        District => "区县主管部门",
        CityReviewer => "市级评审",
        Verifier => "现场核查组",
        Province => "省级联络员",
        Designer => "流程设计员",
        Admin => "系统管理员",
        _ => role,
    };
}

/// <summary>
/// Who is acting: user id, display name, roles and jurisdiction (a district code, or the city code for city-wide staff).
/// What the official may see is <see cref="JurisdictionScope"/>'s rule.
/// </summary>
public sealed record Official(string UserId, string UserName, string DisplayName, IReadOnlyCollection<string> Roles, string? Jurisdiction)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>True for city-wide roles (reviewers, verifiers, the provincial liaison, designers, administrators). A district official without a unit sees no district.</summary>
    public bool IsCityWide => !IsInRole(Officials.Roles.District);
}
