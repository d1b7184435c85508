using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GreenTierWorkflows.Bench;

/// <summary>The result of timing a loop of N operations.</summary>
internal sealed record LoopResult(int Count, TimeSpan Elapsed, long AllocatedBytes, double P50, double P99, string Collections = "")
{
    public double PerSecond => Count / Elapsed.TotalSeconds;
    public double MicrosecondsEach => Elapsed.TotalMicroseconds / Count;
    public double BytesEach => (double)AllocatedBytes / Count;
}

/// <summary>How the process-wide warm-up ended: rounds run, methods compiled in all and in the last round.</summary>
internal sealed record JitWarmUp(int Rounds, long MethodsCompiled, long MethodsInLastRound, bool Settled, TimeSpan Elapsed);

internal static class Measure
{
    /// <summary>
    /// Runs <paramref name="body"/> for i = 0..count-1 and returns wall time and the bytes allocated by the whole process
    /// (<see cref="GC.GetTotalAllocatedBytes(bool)"/> is exact across awaits and threads, unlike the per-thread counter).
    /// </summary>
    public static async Task<LoopResult> LoopAsync(int count, Func<int, Task> body)
    {
        var each = new double[count];
        Quiesce();
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var before = GC.GetTotalAllocatedBytes(true);
        var start = Stopwatch.GetTimestamp();
        var last = start;
        for (var i = 0; i < count; i++)
        {
            await body(i);
            var now = Stopwatch.GetTimestamp();
            each[i] = Microseconds(last, now);
            last = now;
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        var collections = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gcBefore[g]));
        Array.Sort(each);
        return new LoopResult(count, elapsed, allocated, Percentile(each, 50), Percentile(each, 99), collections);
    }

    /// <summary>
    /// Before a timed section: full GC, and (Linux) sync(2) so dirty pages left by an earlier section (or by anything else
    /// on the machine) are not flushed inside this section's checkpoint fsyncs.
    /// </summary>
    public static void Quiesce()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (OperatingSystem.IsLinux()) Sync();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "sync")]
    private static extern void Sync();

    /// <summary>Runs the warm-up iterations, then pauses briefly so tiered JIT can install optimised code.</summary>
    public static async Task WarmUpAsync(int count, Func<int, Task> body)
    {
        for (var i = 0; i < count; i++) await body(i);
        await Task.Delay(250);
    }

    /// <summary>
    /// Repeats <paramref name="round"/> until two rounds in a row JIT-compile at most <paramref name="settledMethods"/>
    /// methods each (or <paramref name="maxRounds"/> is reached). Tiered compilation (tier 0 → instrumented → tier 1, on a background
    /// thread) keeps recompiling the hot path for tens of thousands of steps; on two cores that thread competes with the
    /// measured loop, so a fixed short warm-up measured the JIT rather than the steady state a long-running server reaches.
    /// </summary>
    public static async Task<JitWarmUp> WarmUpUntilJitSettlesAsync(Func<Task> round, int maxRounds, int settledMethods)
    {
        var started = Stopwatch.GetTimestamp();
        var total = 0L;
        var rounds = 0;
        long compiled;
        var quietRounds = 0;
        do
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round();
            await Task.Delay(250); // let the background tier-1 queue drain into the count
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            total += compiled;
            rounds++;
            quietRounds = compiled <= settledMethods ? quietRounds + 1 : 0;
        } while (quietRounds < 2 && rounds < maxRounds);
        return new JitWarmUp(rounds, total, compiled, quietRounds >= 2, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Nearest-rank percentile of already sorted samples.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static double Microseconds(long startTimestamp, long endTimestamp) =>
        (endTimestamp - startTimestamp) * 1_000_000.0 / Stopwatch.Frequency;
}

/// <summary>Formatting for the Markdown report.</summary>
internal static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string N0(double v) => double.IsFinite(v) ? v.ToString("#,0", C) : "—";
    public static string N1(double v) => double.IsFinite(v) ? v.ToString("#,0.0", C) : "—";
    public static string N2(double v) => double.IsFinite(v) ? v.ToString("#,0.00", C) : "—";
    public static string X(double v) => double.IsFinite(v) ? v.ToString(v >= 100 ? "#,0" : "0.0", C) + "×" : "—";
    public static string Kb(double bytes) => double.IsFinite(bytes) ? (bytes / 1024).ToString("#,0.0", C) + " KB" : "—";
    public static string Mb(double bytes) => (bytes / (1024.0 * 1024.0)).ToString("#,0.0", C) + " MB";
    public static string Pass(bool ok) => ok ? "**PASS**" : "**FAIL**";
}

/// <summary>A Markdown table built row by row.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        sb.Append('|').AppendJoin('|', headers.Select(_ => "---")).AppendLine("|");
        foreach (var row in _rows) sb.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return sb.ToString();
    }
}
