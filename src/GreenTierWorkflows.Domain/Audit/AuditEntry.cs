namespace GreenTierWorkflows.Domain.Audit;

/// <summary>
/// One stored line of the security audit (安全审计). Written once and never changed: the app has no update or delete
/// path for it, and the database refuses UPDATE and DELETE on its table (triggers created by the migration).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Assigned by the database in insertion order.</summary>
    public long Id { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; init; } = "";

    /// <summary>The account's id, when the actor is a known account.</summary>
    public string? ActorId { get; init; }

    /// <summary>The account name (user name) that acted, or the name tried in a failed sign-in.</summary>
    public string? ActorName { get; init; }

    /// <summary>The client's IP address as the server saw it (after forwarded headers, when configured).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>What was acted on (a task id, a workflow definition id, a window id, a notice id, an account name).</summary>
    public string? Target { get; init; }

    /// <summary>Readable particulars (outcome, version, dates, the reason of a refusal).</summary>
    public string? Detail { get; init; }

    /// <summary>False for refused or failed attempts.</summary>
    public bool Succeeded { get; init; }
}
