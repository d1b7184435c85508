namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>
/// One line of the security audit: what happened (<see cref="GreenTierWorkflows.Domain.Audit.AuditActions"/>), to what,
/// with which result. Who and from which address are taken from the current request unless set here (a failed sign-in
/// names the account that was tried, not a signed-in user).
/// </summary>
public sealed record AuditRecord(string Action, string? Target = null, string? Detail = null, bool Succeeded = true)
{
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string? ClientAddress { get; init; }
}

/// <summary>The append-only security audit (安全审计). Recording never throws into the caller's use case.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditRecord record, CancellationToken ct = default);
}
