using Microsoft.AspNetCore.Identity;

namespace GreenTierWorkflows.Infrastructure.Identity;

/// <summary>An official's account: ASP.NET Core Identity plus display name and jurisdiction (district code or city).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Administrative division code of the official's unit (e.g. 341021 for 歙县); null for city-wide roles.</summary>
    public string? Jurisdiction { get; set; }
}
