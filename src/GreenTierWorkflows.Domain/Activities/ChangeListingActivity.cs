using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Domain.Activities;

/// <summary>
/// <c>GreenTier.ChangeListing</c>: dynamic management of a listing (the workflow input <c>listingId</c>): accept the year's
/// 动态管理表, record a passed 复审, or revoke (撤销) it with a reason.
/// </summary>
public sealed class ChangeListingActivity : IActivity
{
    public const string AnnualReportAccepted = "AnnualReportAccepted";
    public const string ReviewPassed = "ReviewPassed";
    public const string Revoke = "Revoke";

    public ActivityDescriptor Descriptor { get; } = new ActivityDescriptor("GreenTier.ChangeListing", GreenTierActivities.Category, "名单动态管理")
    {
        Description = "记录动态管理表审核通过、复审通过，或撤销名单资格（须填写原因）。",
        Inputs =
        [
            InputDescriptor.Dropdown("Action", "String", [AnnualReportAccepted, ReviewPassed, Revoke], AnnualReportAccepted) with { DisplayName = "操作", Order = 1 },
            new InputDescriptor("Reason", "String") { DisplayName = "原因", Description = "撤销时必填，如「复审未通过」。", Order = 2 },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var input = context.Workflow.Input;
        context.Emit(new ListingChanged(input["listingId"]?.ToString(), input["year"] is JsonValue y && y.TryGetValue<int>(out var year) ? year : null,
            await context.GetTextAsync("Action"), await context.GetTextAsync("Reason")));
        await context.CompleteAsync();
    }
}
