namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>
/// Who is acting in this DI scope when there is no HTTP request to ask: the officials' pages run each unit of work in a
/// scope of its own inside a Blazor circuit, and set the signed-in official and the address the circuit was opened from
/// here. <see cref="EfAuditLog"/> reads it before the current request.
/// </summary>
public sealed class AuditCaller
{
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? ClientAddress { get; private set; }

    /// <summary>True once <see cref="Set"/> was called in this scope.</summary>
    public bool IsKnown { get; private set; }

    public void Set(string? actorId, string? actorName, string? clientAddress)
    {
        (ActorId, ActorName, ClientAddress) = (actorId, actorName, clientAddress);
        IsKnown = true;
    }
}
