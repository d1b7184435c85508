using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Tasks;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>What the task inbox is filtered by (all optional).</summary>
public sealed record InboxFilter(NominationType? Type = null, int? Year = null, string? Stage = null, string? District = null,
    bool IncludeCompleted = false)
{
    public static InboxFilter None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>The service query for one page of the inbox (soonest due first is the service's order).</summary>
    public TaskQuery ToQuery(int page, int pageSize) =>
        new(IncludeCompleted, Type, Year, DueBefore: null, District, Stage, page, pageSize);
}
