namespace GreenTierWorkflows.Application.Readiness;

/// <summary>A district's entry for one gap of the checklist (<c>PUT /api/readiness/{memberId}/follow-ups</c>).</summary>
public sealed record FollowUpInput(string? CriterionKey, string? Guidance, string? Assignee, DateOnly? DueOn, bool Done = false);
