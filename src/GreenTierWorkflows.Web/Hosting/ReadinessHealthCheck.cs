namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Healthy once start-up tasks have finished.</summary>
public sealed class ReadinessHealthCheck(ReadinessState state) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(state.Ready
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("ready")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("starting"));
}
