namespace GreenTierWorkflows.Application.Registry;

/// <summary>One change of an enterprise's record: when, by whom (the account's sign-in name) and each changed field 「字段：旧 → 新」.</summary>
public sealed record EnterpriseEdit(DateTimeOffset At, string? ActorName, IReadOnlyList<string> Changes);
