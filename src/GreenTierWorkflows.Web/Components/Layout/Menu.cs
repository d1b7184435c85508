using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Web.Components.Layout;

/// <summary>Which menu entries a role sees (the pages check the same rules).</summary>
public static class Menu
{
    /// <summary>Everyone who handles nominations: districts, city reviewers, verifiers, the provincial liaison and administrators.</summary>
    public static bool WorksOnNominations(Official o) =>
        o.IsInRole(Roles.District) || o.IsInRole(Roles.CityReviewer) || o.IsInRole(Roles.Verifier) || o.IsInRole(Roles.Province) || o.IsInRole(Roles.Admin);

    public static bool Designs(Official o) => o.IsInRole(Roles.Designer) || o.IsInRole(Roles.Admin);
}
