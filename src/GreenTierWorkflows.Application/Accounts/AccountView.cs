namespace GreenTierWorkflows.Application.Accounts;

/// <summary>An account as administrators see it (账号管理). <see cref="Jurisdiction"/> is a district code, null for city-wide roles.</summary>
public sealed record AccountView(string UserName, string DisplayName, string? Role, string RoleName, string? Jurisdiction, string JurisdictionName,
    AccountState State, string StateName, DateTimeOffset? ChangedAt, string? ChangedBy);
