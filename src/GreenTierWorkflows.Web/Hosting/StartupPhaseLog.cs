using System.Diagnostics;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Times start-up phases: each <see cref="Done"/> logs one Information line "Start-up phase {Phase}: {Ms} ms" with the time
/// since the previous phase, and <see cref="SinceProcessStart"/> the time since the process started (runtime load, host build
/// and dependency injection included), so the log shows where a cold start goes (the bench's <c>--startup</c> reads them).
/// </summary>
public sealed class StartupPhaseLog(ILogger logger)
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    /// <summary>Milliseconds since the process started.</summary>
    public static double SinceProcessStart()
    {
        using var self = Process.GetCurrentProcess();
        return (DateTime.Now - self.StartTime).TotalMilliseconds;
    }

    /// <summary>Logs the phase that just ended and starts timing the next.</summary>
    public void Done(string phase)
    {
        logger.LogInformation("Start-up phase {Phase}: {Ms:0} ms", phase, watch.Elapsed.TotalMilliseconds);
        watch.Restart();
    }

    /// <summary>Runs and logs one phase.</summary>
    public async Task RunAsync(string phase, Func<Task> work)
    {
        await work();
        Done(phase);
    }
}
