namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>The batch's result, nomination by nomination in rank order, with how many were recommended and not.</summary>
public sealed record BatchDecisionResult(int Year, int Recommended, int NotRecommended, IReadOnlyList<BatchDecisionItem> Items)
{
    /// <summary>Whether every decision of the batch was recorded.</summary>
    public bool AllDecided => Items.All(i => i.Decided);
}
