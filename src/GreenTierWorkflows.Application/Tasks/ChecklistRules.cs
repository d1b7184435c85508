using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Text;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>
/// The on-site checklist's rules (核查表): every answer names an item of the step's checklist once, with 符合 / 不符合 /
/// 不适用; a 不符合 says what was found; 通过 needs every required item answered and none of them 不符合 (the basic
/// requirements veto, GB/T 36132). Refusals name the item's field, <c>checklist.{code}</c>.
/// </summary>
public static class ChecklistRules
{
    public const int MaxNoteLength = 500;

    /// <summary>The field a refusal about one item is reported at.</summary>
    public static string FieldOf(string code) => $"checklist.{code}";

    /// <summary>「符合 6 项，不适用 1 项，未答 1 项」: how many items have each verdict, and how many of <paramref name="itemCount"/> are unanswered.</summary>
    public static string Summary(IReadOnlyList<ChecklistAnswer> answers, int itemCount)
    {
        var parts = ChecklistVerdicts.All.Select(v => (Verdict: v, Count: answers.Count(a => a.Verdict == v)))
            .Where(p => p.Count > 0).Select(p => $"{p.Verdict} {p.Count} 项").ToList();
        if (itemCount > answers.Count) parts.Add($"未答 {itemCount - answers.Count} 项");
        return string.Join("，", parts);
    }

    /// <summary>The answers to store with the decision, in the checklist's order, or the refusal with one message per item.</summary>
    public static DomainResult<List<ChecklistAnswer>> Check(IReadOnlyList<ChecklistItem> items, IReadOnlyList<ChecklistAnswerInput>? answers, string outcome)
    {
        answers ??= [];
        var errors = new Dictionary<string, string[]>();
        if (items.Count == 0)
        {
            if (answers.Count > 0) errors["checklist"] = ["该环节没有核查表，不能提交核查结果。"];
            return errors.Count > 0 ? DomainError.Invalid(errors) : new List<ChecklistAnswer>();
        }

        var byCode = new Dictionary<string, ChecklistAnswerInput>();
        foreach (var answer in answers)
        {
            var code = answer.Code?.Trim() ?? "";
            if (items.All(i => i.Code != code)) errors["checklist"] = [$"核查表中没有编号为「{code}」的项目。"];
            else if (!byCode.TryAdd(code, answer)) errors[FieldOf(code)] = [$"「{code}」重复作答。"];
        }

        var stored = new List<ChecklistAnswer>();
        foreach (var item in items)
        {
            var field = FieldOf(item.Code);
            if (errors.ContainsKey(field)) continue;
            var answer = byCode.GetValueOrDefault(item.Code);
            var verdict = answer?.Verdict?.Trim();
            if (string.IsNullOrEmpty(verdict))
            {
                if (item.Required && outcome == ReviewOutcomes.Approve) errors[field] = [$"必核项「{item.Code}」尚未作答，请选择符合、不符合或不适用。"];
                continue;
            }
            if (!ChecklistVerdicts.All.Contains(verdict))
            {
                errors[field] = [$"「{item.Code}」的结论应为 {string.Join(" / ", ChecklistVerdicts.All)}。"];
                continue;
            }
            var note = TextInput.Check(answer!.Note, $"「{item.Code}」的说明", multiLine: true);
            if (!note.Ok) errors[field] = [note.Error!];
            else if (note.Value?.Length > MaxNoteLength) errors[field] = [$"「{item.Code}」的说明不能超过 {MaxNoteLength} 字。"];
            else if (verdict == ChecklistVerdicts.DoesNotConform && note.Value is null) errors[field] = [$"「{item.Code}」不符合时请说明发现的问题。"];
            else if (verdict == ChecklistVerdicts.DoesNotConform && item.Required && outcome == ReviewOutcomes.Approve)
                errors[field] = [$"必核项「{item.Code}」不符合，不能作出「通过」决定。"];
            else stored.Add(new ChecklistAnswer(item.Code, item.Text, item.Required, verdict, note.Value));
        }
        return errors.Count > 0 ? DomainError.Invalid(errors) : stored;
    }
}
