using System.Text.RegularExpressions;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Validation;

/// <summary>
/// Field errors collected before anything is saved, keyed by the input's JSON field name; one
/// <see cref="DomainError"/> of kind Validation (the API answers it as one RFC 7807 validation problem, a form shows each
/// message under its field).
/// </summary>
public sealed partial class FieldErrors
{
    [GeneratedRegex(@"^\+?[0-9][0-9\- ()]{5,18}[0-9]$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>The refusal holding every message collected so far.</summary>
    public DomainError ToError() => DomainError.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

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
        if (text is not null && !PhonePattern().IsMatch(text)) Add(field, $"{label}格式不正确，应为手机号或带区号的固定电话。");
        return text;
    }

    public string? Email(string field, string? value, string label)
    {
        var text = Optional(field, value, label, 100);
        if (text is not null && !EmailPattern().IsMatch(text)) Add(field, $"{label}格式不正确。");
        return text;
    }

    public void NotNegative(string field, decimal? value, string label)
    {
        if (value < 0) Add(field, $"{label}不能为负数。");
    }
}
