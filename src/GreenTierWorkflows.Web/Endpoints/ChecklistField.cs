using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Refusals;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>The <c>checklist</c> field of a multipart decision: the answers as a JSON array of {code, verdict, note}.</summary>
internal static class ChecklistField
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static DomainError Refusal { get; } =
        DomainError.Invalid("checklist", "核查表结果应为 JSON 数组：[{\"code\":\"编号\",\"verdict\":\"符合\",\"note\":\"说明\"}]。");

    /// <summary>The answers (none when the field is absent), or false when the field is not such an array.</summary>
    public static bool TryRead(string? text, [NotNullWhen(true)] out IReadOnlyList<ChecklistAnswerInput>? answers)
    {
        answers = [];
        if (string.IsNullOrWhiteSpace(text)) return true;
        try
        {
            answers = JsonSerializer.Deserialize<List<ChecklistAnswerInput>>(text, Options);
            return answers is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
