using System.Diagnostics;

namespace GreenTierWorkflows.Bench;

internal sealed record LatencyResult(int Instances, int Versions, int Samples, double P50, double P90, double P99, double Mean, double Max,
    double SeedPerSecond, long DatabaseBytes);

/// <summary>
/// ResumeAsync(bookmarkId) latency against stores holding many suspended instances and many versions of the definition.
/// One database per version count; it is seeded (through the real runtime) up to each instance count in turn, and the
/// measured instances are drawn at random from every instance not resumed yet.
/// </summary>
internal static class ResumeLatencyBench
{
    public static async Task<IReadOnlyList<LatencyResult>> RunAsync(BenchHost host, int[] instanceCounts, int[] versionCounts, int samples, int warmUp,
        Action<string> progress)
    {
        var results = new List<LatencyResult>();
        foreach (var versions in versionCounts)
        {
            var dbName = $"resume-{versions}v";
            using var rt = host.CreateSqlite(dbName);
            var definitionId = $"bench-resume-{versions}v";
            string? publishedVersionId = null;
            for (var v = 1; v <= versions; v++)
            {
                // A trivial change per version: the first WriteLine's text.
                var saved = await rt.Definitions.SaveAsync(
                    GreenTierWorkflows.Runtime.Definitions.WorkflowDefinitionDocument.Parse(BenchHost.EventWait(definitionId, $"Started (v{v})")), publish: true);
                if (!saved.Succeeded || saved.Definition!.Version != v) throw new InvalidOperationException($"Publishing version {v} failed.");
                publishedVersionId = saved.Definition.Id;
            }

            var bookmarks = new List<string>(instanceCounts.Max());
            var resumed = new List<bool>(instanceCounts.Max());
            var random = new Random(20261124 + versions);
            foreach (var instances in instanceCounts.Order())
            {
                var toSeed = instances - bookmarks.Count;
                var seedWatch = Stopwatch.StartNew();
                for (var i = 0; i < toSeed; i++)
                {
                    var run = await rt.Runtime.StartAsync(definitionId);
                    if (i == 0 && run.State.DefinitionVersionId != publishedVersionId) throw new InvalidOperationException("Started on the wrong version.");
                    bookmarks.Add(WorkflowBenches.BookmarkOf(run));
                    resumed.Add(false);
                    if ((i + 1) % 20_000 == 0) progress($"  seeded {bookmarks.Count:N0}/{instances:N0} instances ({versions} version(s))");
                }
                var seedRate = toSeed / seedWatch.Elapsed.TotalSeconds;

                string Pick()
                {
                    while (true)
                    {
                        var i = random.Next(bookmarks.Count);
                        if (resumed[i]) continue;
                        resumed[i] = true;
                        return bookmarks[i];
                    }
                }

                for (var i = 0; i < warmUp; i++) WorkflowBenches.EnsureFinished(await rt.Runtime.ResumeAsync(Pick()));
                await Task.Delay(250);
                Measure.Quiesce();

                var latencies = new double[samples];
                for (var i = 0; i < samples; i++)
                {
                    var bookmarkId = Pick();
                    var t0 = Stopwatch.GetTimestamp();
                    var result = await rt.Runtime.ResumeAsync(bookmarkId);
                    latencies[i] = Measure.Microseconds(t0, Stopwatch.GetTimestamp());
                    WorkflowBenches.EnsureFinished(result);
                }
                Array.Sort(latencies);
                results.Add(new LatencyResult(instances, versions, samples, Measure.Percentile(latencies, 50), Measure.Percentile(latencies, 90), Measure.Percentile(latencies, 99),
                    latencies.Average(), latencies[^1], seedRate, DatabaseBytes(host, dbName)));
                progress($"  {instances:N0} instances × {versions} version(s): p50 {latencies[samples / 2]:N0} µs");
            }
        }
        return results;
    }

    /// <summary>Size of the database file plus its WAL.</summary>
    private static long DatabaseBytes(BenchHost host, string dbName) =>
        Directory.EnumerateFiles(host.WorkDirectory, $"*-{dbName}.db*").Sum(f => new FileInfo(f).Length);
}
