using System.Globalization;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>Who may do what in the registry and the pools, and a few shared rules.</summary>
internal static partial class RegistryRules
{
    [GeneratedRegex(@"^[A-T][0-9]{0,4}$")]
    public static partial Regex IndustryPattern();

    [GeneratedRegex(@"^[0-9]{6}$")]
    public static partial Regex PostalPattern();

    /// <summary>The first year of green-manufacturing lists (2016).</summary>
    public const int FirstYear = 2016;

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

    public static string Unit(string code) => HuangshanUnits.NameOf(code);

    public static ProblemHttpResult NotFound(string what) => ProblemResults.NotFound($"{what}不存在，或不在您的管辖范围内。");

    public static ProblemHttpResult Forbidden(string detail) => ProblemResults.Forbidden(detail);

    public static ProblemHttpResult Conflict(string detail) => ProblemResults.Conflict(detail);

    public static ProblemHttpResult OutOfDistrict(Official o, string districtCode, string what) =>
        Forbidden(o.Jurisdiction is null
            ? "您的账号未绑定区县，不能进行此操作。"
            : $"只能办理本辖区（{Unit(o.Jurisdiction)}）的{what}，不能办理{Unit(districtCode)}的。");

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
