using GreenTierWorkflows.Domain.Registry;

namespace GreenTierWorkflows.Application.Paging;

/// <summary>
/// The keyword of a list search (申报管理, 培育库, 我的待办): part of the applicant's name, or part of its
/// 统一社会信用代码 (<see cref="Code"/>, normalised; empty when the keyword cannot be one). At most
/// <see cref="MaxLength"/> characters; a longer one is refused at the field <c>keyword</c>.
/// </summary>
public sealed record ListKeyword(string Text, string Code)
{
    public const int MaxLength = 50;

    /// <summary>Reads the keyword of a request: null when empty; a value outside the rule is reported to <paramref name="fail"/>.</summary>
    public static ListKeyword? Read(string? raw, Action<string, string> fail)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxLength)
        {
            fail("keyword", $"搜索关键词最多 {MaxLength} 个字。");
            return null;
        }
        var code = CreditCode.Normalize(text);
        return new ListKeyword(text, code.Length >= 2 && code.All(char.IsAsciiLetterOrDigit) ? code : "");
    }
}
