using GreenTierWorkflows.Domain.Tasks;
using MudBlazor;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>How a checklist verdict is coloured wherever it is shown: 符合 green, 不符合 red, 不适用 plain.</summary>
public static class ChecklistVerdictColors
{
    public static Color Of(string? verdict) => verdict switch
    {
        ChecklistVerdicts.Conforms => Color.Success,
        ChecklistVerdicts.DoesNotConform => Color.Error,
        _ => Color.Default,
    };
}
