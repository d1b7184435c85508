using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Tasks;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>A task of the inbox with its nomination's target tier (目标层级), read in the same query.</summary>
public sealed record InboxItem(ReviewTask Task, Tier? TargetTier);
