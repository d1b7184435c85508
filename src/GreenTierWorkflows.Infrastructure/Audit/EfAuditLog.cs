using System.Security.Claims;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>
/// The security audit in the app's database (<see cref="GreenTierDbContext.AuditEntries"/>). Actor and client address
/// come from the record, else from the scope's <see cref="AuditCaller"/> (officials' pages), else from the current HTTP
/// request (the signed-in account; <c>Connection.RemoteIpAddress</c>, which honours forwarded headers when the host
/// is configured for them). Each record is written through a DbContext of its own (<see cref="AuditEntryWriter"/>, which
/// commits the records of concurrent callers together), never in the caller's transaction, so it stays when the caller's
/// business transaction fails or rolls back, and it is written even when the request that caused it has been cancelled.
/// Recording never throws: a failure to write is logged with the whole record.
/// </summary>
/// <remarks>On SQLite, call it after the caller's own transaction has ended (a second writer would wait for that lock).</remarks>
public sealed class EfAuditLog(AuditEntryWriter writer, IHttpContextAccessor http, AuditCaller caller, TimeProvider clock, ILogger<EfAuditLog> logger)
    : IAuditLog
{
    public async Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        AuditEntry? entry = null;
        try
        {
            entry = ToEntry(record);
            await writer.WriteAsync(entry);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Security audit record could not be stored: {Action} target={Target} ok={Succeeded} actor={Actor} ({ActorId}) from={Address}: {Detail}",
                record.Action, entry?.Target ?? record.Target, record.Succeeded, entry?.ActorName ?? record.ActorName, entry?.ActorId ?? record.ActorId,
                entry?.ClientAddress ?? record.ClientAddress, entry?.Detail ?? record.Detail);
        }
    }

    private AuditEntry ToEntry(AuditRecord record)
    {
        var context = http.HttpContext;
        var user = context?.User is { Identity.IsAuthenticated: true } principal ? principal : null;
        var actorId = record.ActorId ?? (caller.IsKnown ? caller.ActorId : user?.FindFirstValue(ClaimTypes.NameIdentifier));
        var actorName = record.ActorName ?? (caller.IsKnown ? caller.ActorName : user?.FindFirstValue(ClaimTypes.Name));
        var address = record.ClientAddress ?? (caller.IsKnown ? caller.ClientAddress : AddressOf(context));
        return new AuditEntry
        {
            At = clock.GetUtcNow(),
            Action = AuditLimits.Clean(record.Action, AuditLimits.Action) ?? "",
            ActorId = AuditLimits.Clean(actorId, AuditLimits.ActorId),
            ActorName = AuditLimits.Clean(actorName, AuditLimits.ActorName),
            ClientAddress = AuditLimits.Clean(address, AuditLimits.ClientAddress),
            Target = AuditLimits.Clean(record.Target, AuditLimits.Target),
            Detail = AuditLimits.Clean(record.Detail, AuditLimits.Detail),
            Succeeded = record.Succeeded,
        };
    }

    /// <summary>The request's client address; an IPv4 client reached over an IPv6 socket is shown as IPv4.</summary>
    public static string? AddressOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
}
