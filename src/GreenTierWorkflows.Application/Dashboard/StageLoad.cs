namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// A review step now: the nominations at it, its open tasks, how many are overdue, and how long they have waited (median
/// and longest, in days); <see cref="Roles"/> are the roles holding its open tasks (whose inbox the step's tasks are in).
/// </summary>
public sealed record StageLoad(string Stage, int Now, int Waiting, int Overdue, double? MedianWaitDays, double? MaxWaitDays, IReadOnlyList<string> Roles);
