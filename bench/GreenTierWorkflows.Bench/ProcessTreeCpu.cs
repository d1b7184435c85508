using System.Globalization;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// CPU time (user + system) of this process and every live descendant (Chromium and its renderers), read from
/// <c>/proc/*/stat</c> including the reaped children's times (<c>cutime</c>, <c>cstime</c>), so a renderer that exits when
/// its tab closes is still counted by its parent. Linux only; elsewhere <see cref="Sample"/> returns this process's time.
/// On a shared machine wall time includes waiting for a core; CPU time is the work itself.
/// </summary>
internal static class ProcessTreeCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan Sample()
    {
        if (!OperatingSystem.IsLinux()) return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from 3 (state) on
            parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks[pid] = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)); // utime stime cutime cstime
        }
        var self = Environment.ProcessId;
        long total = 0;
        foreach (var (pid, t) in ticks)
        {
            var at = pid;
            for (var hops = 0; hops < 16 && at > 1; hops++)
            {
                if (at == self) { total += t; break; }
                if (!parents.TryGetValue(at, out at)) break;
            }
        }
        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    /// <summary>CPU time (user + system) one live process has used so far (Linux), or null when it cannot be read.</summary>
    public static TimeSpan? OfProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        }
        catch (IOException) { return null; }
    }

    /// <summary>The 1-minute load average (Linux), or NaN.</summary>
    public static double LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture); }
        catch (IOException) { return double.NaN; }
    }
}
