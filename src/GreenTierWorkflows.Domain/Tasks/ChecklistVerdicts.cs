namespace GreenTierWorkflows.Domain.Tasks;

/// <summary>The answers a verifier gives to a checklist item.</summary>
public static class ChecklistVerdicts
{
    public const string Conforms = "符合";
    public const string DoesNotConform = "不符合";
    public const string NotApplicable = "不适用";

    public static readonly IReadOnlyList<string> All = [Conforms, DoesNotConform, NotApplicable];
}
