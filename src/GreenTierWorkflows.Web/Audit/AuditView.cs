using System.Data;
using GreenTierWorkflows.Domain.Audit;

namespace GreenTierWorkflows.Web.Audit;

/// <summary>One security-audit entry with the Chinese name of its action.</summary>
public sealed record AuditView(long Id, DateTimeOffset At, string Action, string ActionName, string? ActorId, string? ActorName,
    string? ClientAddress, string? Target, string? Detail, bool Succeeded)
{
    public static AuditView From(AuditEntry e) =>
        new(e.Id, e.At, e.Action, AuditActions.DisplayName(e.Action), e.ActorId, e.ActorName, e.ClientAddress, e.Target, e.Detail, e.Succeeded);
}
