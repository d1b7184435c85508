using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>Provisional audit sink that writes to the log; replaced by the database audit trail.</summary>
public sealed class LoggerAuditLog(ILogger<LoggerAuditLog> logger) : IAuditLog
{
    public Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        logger.LogInformation("Audit {Action} target={Target} ok={Succeeded} actor={Actor} from={Address}: {Detail}",
            record.Action, record.Target, record.Succeeded, record.ActorName, record.ClientAddress, record.Detail);
        return Task.CompletedTask;
    }
}
