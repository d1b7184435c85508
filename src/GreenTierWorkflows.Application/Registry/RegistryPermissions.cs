using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// Who may change the registry (enterprises, parks) and the cultivation pools, and in which district — security rules,
/// written once here and used by the use cases and by the pages that decide which buttons to show. Reading follows the
/// jurisdiction scope (<see cref="JurisdictionScope"/>): a record outside it is answered as not found.
/// </summary>
public static class RegistryPermissions
{
    /// <summary>District officials, city reviewers and administrators keep the enterprise and park registry.</summary>
    public static bool CanEditRegistry(Official o) => o.IsInRole(Roles.District) || o.IsInRole(Roles.CityReviewer) || o.IsInRole(Roles.Admin);

    /// <summary>Pools are kept by district officials (and administrators).</summary>
    public static bool CanEditPools(Official o) => o.IsInRole(Roles.District) || o.IsInRole(Roles.Admin);

    /// <summary>
    /// May the official write records of the district? A district official without a unit may not write anything
    /// (the scope rule would treat the account as city-wide).
    /// </summary>
    public static bool CanWriteDistrict(Official o, string districtCode) =>
        o.IsInRole(Roles.Admin) || (!(o.IsInRole(Roles.District) && o.Jurisdiction is null) && o.CanSeeDistrict(districtCode));

    /// <summary>May the official keep the pool at all (a pool keeper with a unit, or an administrator)?</summary>
    public static bool CanKeepAnyPool(Official o) => CanEditPools(o) && (o.IsInRole(Roles.Admin) || o.Jurisdiction is not null);

    /// <summary>Why the official may not register a <paramref name="what"/> (企业, 园区) at all, or null.</summary>
    public static DomainError? RefuseRegistering(Official o, string what) =>
        CanEditRegistry(o) ? null : DomainError.Forbidden($"{Roles.DisplayName(o.Roles.FirstOrDefault() ?? "")}不能登记{what}。");

    /// <summary>Why the official may not change a <paramref name="what"/> of the district, or null.</summary>
    public static DomainError? RefuseEditing(Official o, string districtCode, string what) =>
        CanEditRegistry(o) && CanWriteDistrict(o, districtCode) ? null : DomainError.Forbidden($"您不能修改该{what}的信息。");

    /// <summary>
    /// Why a <paramref name="what"/> may not move from one district to another, or null: the official must be able to write
    /// the new district, and a record in an active cultivation pool keeps its district until it exits.
    /// </summary>
    public static DomainError? RefuseMoving(Official o, string from, string to, bool inPool, string what)
    {
        if (to == from) return null;
        if (!CanWriteDistrict(o, to)) return OutOfDistrict(o, to, what);
        return inPool ? DomainError.Conflict($"该{what}在{HuangshanUnits.NameOf(from)}培育库中，不能变更所属区县；请先办理出库。") : null;
    }

    /// <summary>The refusal of a write outside the official's district (<paramref name="what"/>: 企业, 园区, 培育库).</summary>
    public static DomainError OutOfDistrict(Official o, string districtCode, string what) =>
        DomainError.Forbidden(o.Jurisdiction is null
            ? "您的账号未绑定区县，不能进行此操作。"
            : $"只能办理本辖区（{HuangshanUnits.NameOf(o.Jurisdiction)}）的{what}，不能办理{HuangshanUnits.NameOf(districtCode)}的。");

    /// <summary>A registry record that does not exist or lies outside the official's scope (the two are not told apart).</summary>
    public static DomainError NotFound(string what) => new(DomainErrorKind.NotFound, $"{what}不存在，或不在您的管辖范围内。");
}
