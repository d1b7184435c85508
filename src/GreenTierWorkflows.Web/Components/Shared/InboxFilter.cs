using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Tasks;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>
/// What the task inbox is filtered by (all optional); <see cref="Keyword"/> is the applicant's name or credit code,
/// <see cref="OverdueOnly"/> keeps the tasks past their deadline (the dashboard's 逾期 figures link here).
/// </summary>
public sealed record InboxFilter(NominationType? Type = null, int? Year = null, string? Stage = null, string? District = null,
    bool IncludeCompleted = false, string? Keyword = null, bool OverdueOnly = false)
{
    public static InboxFilter None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>The service query for one page of the inbox (soonest due first is the service's order); overdue is as of <paramref name="now"/>.</summary>
    public TaskQuery ToQuery(int page, int pageSize, DateTimeOffset? now = null) =>
        new(IncludeCompleted, Type, Year, DueBefore: OverdueOnly ? now : null, District, Stage, page, pageSize, Keyword);

    /// <summary>The filter as URL query values (null leaves a key out), so a link reproduces the inbox's view.</summary>
    public Dictionary<string, object?> ToQueryValues() => new()
    {
        ["type"] = Type?.ToString(), ["year"] = Year, ["stage"] = Stage, ["district"] = District,
        ["completed"] = IncludeCompleted ? true : null, ["keyword"] = Keyword, ["overdue"] = OverdueOnly ? true : null,
    };
}
