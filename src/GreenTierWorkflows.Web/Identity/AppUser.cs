using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Web.Identity;

/// <summary>An official's account: ASP.NET Core Identity plus display name and jurisdiction (district code or city).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Administrative division code of the official's unit (e.g. 341021 for 歙县); null for city-wide roles.</summary>
    public string? Jurisdiction { get; set; }
}

/// <summary>The roles of the system.</summary>
public static class Roles
{
    public const string District = "DistrictOfficial";
    public const string CityReviewer = "CityReviewer";
    public const string Verifier = "Verifier";
    public const string Province = "ProvincialLiaison";
    public const string Designer = "WorkflowDesigner";
    public const string Admin = "Administrator";

    public static readonly string[] All = [District, CityReviewer, Verifier, Province, Designer, Admin];
    /// <summary>Who may open Elsa Studio and change workflow definitions.</summary>
    public const string Designers = Designer + "," + Admin;
}
