using System.Text;
using System.Text.RegularExpressions;

namespace GreenTierWorkflows.Domain.Registry;

/// <summary>The result of checking a unified social credit code: the normalised code, or a Chinese error.</summary>
public sealed record CreditCodeCheck(bool IsValid, string Normalized, string? Error, string? Warning);

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): normalisation (trim, spaces/hyphens removed, full-width → half-width, upper case),
/// format and the mod-31 check character. The GB 11714 organisation-code check is only a warning (some real codes fail it).
/// </summary>
public static partial class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    private static partial Regex Format();

    public static string Normalize(string? raw)
    {
        var sb = new StringBuilder();
        foreach (var ch in raw ?? "")
        {
            var c = ch switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                _ => ch,
            };
            if (char.IsWhiteSpace(c) || c is '-' or '‐' or '－') continue;
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    public static CreditCodeCheck Check(string? raw)
    {
        var code = Normalize(raw);
        if (code.Length == 0) return new(false, code, "请填写统一社会信用代码。", null);
        if (code.Length != 18) return new(false, code, $"统一社会信用代码应为 18 位，当前为 {code.Length} 位。", null);
        if (!Format().IsMatch(code)) return new(false, code, "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z），或第 3–8 位不是行政区划代码。", null);
        var expected = CheckCharacter(code[..17]);
        if (code[17] != expected) return new(false, code, $"统一社会信用代码校验位错误（第 18 位应为 {expected}），请核对。", null);
        return new(true, code, null, OrganisationCodeLooksValid(code) ? null : "组织机构代码部分（第 9–17 位）未通过 GB 11714 校验，请核对（仅提示）。");
    }

    /// <summary>
    /// The 18th (check) character for the first 17 characters of a normalised code; lets tests and demo data build valid codes.
    /// </summary>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17) throw new ArgumentException("需要统一社会信用代码的前 17 位。", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"字符 '{first17[i]}' 不在统一社会信用代码字符集中。", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The GB 11714 check character for the first 8 characters of an organisation code (digits or upper-case letters).</summary>
    public static char OrganisationCheckCharacter(string first8)
    {
        ArgumentNullException.ThrowIfNull(first8);
        if (first8.Length != 8) throw new ArgumentException("需要组织机构代码的前 8 位。", nameof(first8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            var value = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrgWeights[i];
        }
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    private static bool OrganisationCodeLooksValid(string code) => code[16] == OrganisationCheckCharacter(code.Substring(8, 8));
}
