using System.Globalization;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Domain.Units;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>Field errors collected before anything is saved; turned into one RFC 7807 validation problem.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "提交的信息有误，请修改后重试。");

    /// <summary>
    /// A required text field, NFC-normalised and trimmed; null (and an error) when empty, too long, or holding control or
    /// invisible characters (<see cref="TextInput"/>).
    /// </summary>
    public string? Required(string field, string? value, string label, int maxLength, bool multiLine = false)
    {
        if (!Clean(field, value, label, multiLine, out var text)) return null;
        if (text is null)
        {
            Add(field, $"请填写{label}。");
            return null;
        }
        return Length(field, text, label, maxLength);
    }

    /// <summary>An optional text field, checked like <see cref="Required"/>; empty becomes null.</summary>
    public string? Optional(string field, string? value, string label, int maxLength, bool multiLine = false) =>
        Clean(field, value, label, multiLine, out var text) && text is not null ? Length(field, text, label, maxLength) : null;

    private bool Clean(string field, string? value, string label, bool multiLine, out string? text)
    {
        var check = TextInput.Check(value, label, multiLine);
        text = check.Value;
        if (check.Ok) return true;
        Add(field, check.Error!);
        return false;
    }

    private string? Length(string field, string text, string label, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        Add(field, $"{label}不能超过 {maxLength} 个字符（当前 {text.Length} 个）。");
        return null;
    }

    /// <summary>A unit that keeps a pool (district, county or the high-tech zone).</summary>
    public string? District(string field, string? value)
    {
        var code = value?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            Add(field, "请选择所属区县（功能区）。");
            return null;
        }
        if (HuangshanUnits.IsDistrict(code)) return code;
        Add(field, $"未知的区县代码「{code}」，应为黄山市所辖区县或黄山高新区之一。");
        return null;
    }

    public string? Phone(string field, string? value, string label)
    {
        var text = Optional(field, value, label, 20);
        if (text is not null && !RegistryRules.PhonePattern().IsMatch(text)) Add(field, $"{label}格式不正确，应为手机号或带区号的固定电话。");
        return text;
    }

    public string? Email(string field, string? value, string label)
    {
        var text = Optional(field, value, label, 100);
        if (text is not null && !RegistryRules.EmailPattern().IsMatch(text)) Add(field, $"{label}格式不正确。");
        return text;
    }

    public void NotNegative(string field, decimal? value, string label)
    {
        if (value < 0) Add(field, $"{label}不能为负数。");
    }
}

/// <summary>Who may do what in the registry and the pools, and a few shared rules.</summary>
internal static partial class RegistryRules
{
    [GeneratedRegex(@"^[A-T][0-9]{0,4}$")]
    public static partial Regex IndustryPattern();

    [GeneratedRegex(@"^[0-9]{6}$")]
    public static partial Regex PostalPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9\- ()]{5,18}[0-9]$")]
    public static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    public static partial Regex EmailPattern();

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

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"未找到该{what}。", detail: $"{what}不存在，或不在您的管辖范围内。", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "无权进行此操作。", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "与已有记录冲突。", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult OutOfDistrict(Official o, string districtCode, string what) =>
        Forbidden(o.Jurisdiction is null
            ? "您的账号未绑定区县，不能进行此操作。"
            : $"只能办理本辖区（{Unit(o.Jurisdiction)}）的{what}，不能办理{Unit(districtCode)}的。");

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
