using System.Diagnostics;
using System.Text;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Bench;

internal sealed record StepsResult(LoopResult Starts, LoopResult Resumes)
{
    public int Steps => Starts.Count + Resumes.Count;
    public TimeSpan Elapsed => Starts.Elapsed + Resumes.Elapsed;
    public double StepsPerSecond => Steps / Elapsed.TotalSeconds;
    public double BytesPerStep => (double)(Starts.AllocatedBytes + Resumes.AllocatedBytes) / Steps;
}

internal sealed record RunResult(string Workflow, string Store, LoopResult Loop);

/// <summary>Raw commits and workflow steps timed in alternating blocks; one ratio per round and the overall one.</summary>
internal sealed record InterleavedResult(int Rounds, double RawPerSecond, double StepsPerSecond, IReadOnlyList<double> RoundRatios)
{
    public double Ratio => StepsPerSecond / RawPerSecond;
    public double MedianRoundRatio => Measure.Percentile(RoundRatios.Order().ToList(), 50);
}

/// <summary>Steps from several concurrent callers (officials, Hangfire jobs) on one store: throughput and the group commit's size.</summary>
internal sealed record ConcurrentStepsResult(int Callers, int Steps, TimeSpan Elapsed, long Transactions)
{
    public double StepsPerSecond => Steps / Elapsed.TotalSeconds;
    public double StepsPerTransaction => (double)Steps / Transactions;
}

/// <summary>Mean µs per phase of the start and resume paths (the runtime's steps, timed one by one).</summary>
internal sealed record PathBreakdown(int Count, IReadOnlyList<(string Phase, double Microseconds)> Start, IReadOnlyList<(string Phase, double Microseconds)> Resume,
    double StateJsonBytes, double JournalRowsPerStart, double JournalRowsPerResume);

internal static class WorkflowBenches
{
    // ---- 2. steps/s with full persistence ----

    public static async Task<StepsResult> StepsAsync(BenchHost host, int count, int warmUp)
    {
        using var rt = host.CreateSqlite("steps");
        var definitionId = await BenchHost.PublishAsync(rt, BenchHost.EventWait("bench-steps"));

        var bookmarks = new string[Math.Max(count, warmUp)];
        Func<int, Task> start = async i => bookmarks[i] = BookmarkOf(await rt.Runtime.StartAsync(definitionId));
        Func<int, Task> resume = async i => EnsureFinished(await rt.Runtime.ResumeAsync(bookmarks[i]));

        for (var i = 0; i < warmUp; i++) await start(i);
        await Measure.WarmUpAsync(warmUp, resume);

        var starts = await Measure.LoopAsync(count, start);
        var resumes = await Measure.LoopAsync(count, resume);
        return new StepsResult(starts, resumes);
    }

    /// <summary>
    /// The ratio measured fairly on a drifting disk: <paramref name="rounds"/> rounds, each a block of raw one-row commits
    /// followed by a block of starts and the resumes of those starts, so both sides see the same fsync latency.
    /// </summary>
    public static async Task<InterleavedResult> InterleavedAsync(BenchHost host, int rounds, int rawPerRound, int stepsPerRound, int warmUp)
    {
        using var rt = host.CreateSqlite("steps-interleaved");
        using var raw = new RawCommitter(host, "raw-interleaved");
        var definitionId = await BenchHost.PublishAsync(rt, BenchHost.EventWait("bench-interleaved"));
        var bookmarks = new string[Math.Max(stepsPerRound, warmUp)];
        Func<int, Task> start = async i => bookmarks[i] = BookmarkOf(await rt.Runtime.StartAsync(definitionId));
        Func<int, Task> resume = async i => EnsureFinished(await rt.Runtime.ResumeAsync(bookmarks[i]));

        await Measure.WarmUpAsync(warmUp, raw.CommitAsync);
        for (var i = 0; i < warmUp; i++) await start(i);
        await Measure.WarmUpAsync(warmUp, resume);

        var ratios = new List<double>(rounds);
        TimeSpan rawTime = TimeSpan.Zero, stepTime = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            var rawLoop = await Measure.LoopAsync(rawPerRound, raw.CommitAsync);
            var starts = await Measure.LoopAsync(stepsPerRound, start);
            var resumes = await Measure.LoopAsync(stepsPerRound, resume);
            var steps = starts.Elapsed + resumes.Elapsed;
            ratios.Add(2 * stepsPerRound / steps.TotalSeconds / rawLoop.PerSecond);
            rawTime += rawLoop.Elapsed;
            stepTime += steps;
        }
        return new InterleavedResult(rounds, rounds * rawPerRound / rawTime.TotalSeconds, rounds * 2 * stepsPerRound / stepTime.TotalSeconds, ratios);
    }

    /// <summary>
    /// <paramref name="callers"/> concurrent loops, each starting an instance and resuming it, <paramref name="instancesPerCaller"/>
    /// times, on one store; the SQLite store commits steps that arrive together as one group (one fsync).
    /// </summary>
    public static async Task<ConcurrentStepsResult> ConcurrentStepsAsync(BenchHost host, int callers, int instancesPerCaller, int warmUp)
    {
        using var rt = host.CreateSqlite($"steps-concurrent-{callers}");
        var store = (GreenTierWorkflows.Infrastructure.Persistence.EfWorkflowStore)rt.Store;
        var definitionId = await BenchHost.PublishAsync(rt, BenchHost.EventWait($"bench-concurrent-{callers}"));
        async Task CallerAsync(int n)
        {
            for (var i = 0; i < n; i++) EnsureFinished(await rt.Runtime.ResumeAsync(BookmarkOf(await rt.Runtime.StartAsync(definitionId))));
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => CallerAsync(Math.Max(1, warmUp / callers)))));
        Measure.Quiesce();
        var transactions = store.TransactionsCommitted;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => CallerAsync(instancesPerCaller))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new ConcurrentStepsResult(callers, 2 * callers * instancesPerCaller, elapsed, store.TransactionsCommitted - transactions);
    }

    // ---- 3. persisted runs ----

    public static async Task<RunResult> RunsAsync(BenchRuntime rt, string workflow, string storeName, string json, string[] expectedOutput, int count, int warmUp)
    {
        var definitionId = await BenchHost.PublishAsync(rt, json);
        Func<int, Task> run = async i =>
        {
            var result = await rt.Runtime.StartAsync(definitionId);
            if (result.State.Status != WorkflowStatus.Finished)
                throw new InvalidOperationException($"{workflow} ended {result.State.Status}/{result.State.SubStatus}, expected Finished.");
            if (i == 0 && !result.Step.Output.SequenceEqual(expectedOutput))
                throw new InvalidOperationException($"{workflow} wrote [{string.Join(", ", result.Step.Output)}], expected [{string.Join(", ", expectedOutput)}].");
        };
        await Measure.WarmUpAsync(warmUp, run);
        return new RunResult(workflow, storeName, await Measure.LoopAsync(count, run));
    }

    // ---- diagnostics: where a step's time goes ----

    /// <summary>Replays what <see cref="WorkflowRuntime.StartAsync(string, StartWorkflowOptions?, VersionOptions?, Action{string}?, CancellationToken)"/>
    /// and <see cref="WorkflowRuntime.ResumeAsync"/> do, timing each store call and the in-memory run separately.</summary>
    public static async Task<PathBreakdown> BreakdownAsync(BenchHost host, int count, int warmUp)
    {
        using var rt = host.CreateSqlite("breakdown");
        var definitionId = await BenchHost.PublishAsync(rt, BenchHost.EventWait("bench-breakdown"));
        var store = rt.Store;
        var total = warmUp + count;
        var startPhases = new double[4];
        var resumePhases = new double[5];
        long jsonBytes = 0, startJournal = 0, resumeJournal = 0;
        var bookmarks = new string[total];
        var graphs = new Dictionary<string, GreenTierWorkflows.Runtime.Definitions.WorkflowGraph>(StringComparer.Ordinal);

        Measure.Quiesce();
        for (var i = 0; i < total; i++)
        {
            var measured = i >= warmUp;
            var t0 = Stopwatch.GetTimestamp();
            var record = await store.FindDefinitionAsync(definitionId, VersionOptions.Published) ?? throw new InvalidOperationException("no published version");
            var graph = rt.Runtime.Load(record);
            graphs[record.Id] = graph;
            var t1 = Stopwatch.GetTimestamp();
            var step = await rt.Runner.StartAsync(graph);
            var t2 = Stopwatch.GetTimestamp();
            var json = WorkflowStateSerializer.Serialize(step.State);
            var t3 = Stopwatch.GetTimestamp();
            await store.CommitAsync(new WorkflowStepCommit(step.State, null, step.AddedBookmarks, [], step.Journal));
            var t4 = Stopwatch.GetTimestamp();
            bookmarks[i] = step.AddedBookmarks.Single().Id;
            if (!measured) continue;
            startPhases[0] += Measure.Microseconds(t0, t1);
            startPhases[1] += Measure.Microseconds(t1, t2);
            startPhases[2] += Measure.Microseconds(t2, t3);
            startPhases[3] += Measure.Microseconds(t3, t4);
            jsonBytes += Encoding.UTF8.GetByteCount(json);
            startJournal += step.Journal.Count;
        }

        Measure.Quiesce();
        for (var i = 0; i < total; i++)
        {
            var measured = i >= warmUp;
            var t0 = Stopwatch.GetTimestamp();
            var bookmark = await store.FindBookmarkAsync(bookmarks[i]) ?? throw new InvalidOperationException("bookmark not found");
            var t1 = Stopwatch.GetTimestamp();
            var instance = await store.FindInstanceAsync(bookmark.Bookmark.WorkflowInstanceId) ?? throw new InvalidOperationException("instance not found");
            var t2 = Stopwatch.GetTimestamp();
            var graph = graphs[instance.State.DefinitionVersionId]; // the runtime caches graphs by version id too
            var step = await rt.Runner.ResumeAsync(graph, instance.State, bookmarks[i]);
            var t3 = Stopwatch.GetTimestamp();
            var json = WorkflowStateSerializer.Serialize(step.State);
            var t4 = Stopwatch.GetTimestamp();
            await store.CommitAsync(new WorkflowStepCommit(step.State, instance.Stamp, step.AddedBookmarks,
                step.RemovedBookmarks.Select(b => b.Id).ToList(), step.Journal));
            var t5 = Stopwatch.GetTimestamp();
            if (step.State.Status != WorkflowStatus.Finished) throw new InvalidOperationException("resume did not finish the instance");
            if (!measured) continue;
            resumePhases[0] += Measure.Microseconds(t0, t1);
            resumePhases[1] += Measure.Microseconds(t1, t2);
            resumePhases[2] += Measure.Microseconds(t2, t3);
            resumePhases[3] += Measure.Microseconds(t3, t4);
            resumePhases[4] += Measure.Microseconds(t4, t5);
            resumeJournal += step.Journal.Count;
        }

        double Mean(double sum) => sum / count;
        return new PathBreakdown(count,
            [
                ("FindDefinitionAsync(Published) + cached graph (EF query; the runtime keeps it for 5 s, so StartAsync skips it)", Mean(startPhases[0])),
                ("WorkflowRunner.StartAsync (in memory)", Mean(startPhases[1])),
                ("serialize state JSON (extra copy, outside commit)", Mean(startPhases[2])),
                ("CommitAsync (serialize + INSERT instance/bookmark/journal + COMMIT)", Mean(startPhases[3])),
            ],
            [
                ("FindBookmarkAsync (primary-key SELECT on the writer connection)", Mean(resumePhases[0])),
                ("FindInstanceAsync (primary-key SELECT + deserialize state)", Mean(resumePhases[1])),
                ("WorkflowRunner.ResumeAsync (in memory)", Mean(resumePhases[2])),
                ("serialize state JSON (extra copy, outside commit)", Mean(resumePhases[3])),
                ("CommitAsync (serialize + UPDATE instance, consume bookmark, journal + COMMIT)", Mean(resumePhases[4])),
            ],
            (double)jsonBytes / count, (double)startJournal / count, (double)resumeJournal / count);
    }

    // ---- helpers ----

    public static string BookmarkOf(WorkflowRunResult result)
    {
        if (result.State.SubStatus != WorkflowSubStatus.Suspended || result.Step.AddedBookmarks.Count != 1)
            throw new InvalidOperationException($"Expected a suspended instance with one bookmark, got {result.State.SubStatus} with {result.Step.AddedBookmarks.Count}.");
        return result.Step.AddedBookmarks[0].Id;
    }

    public static void EnsureFinished(ResumeResult result)
    {
        if (result.Outcome != ResumeOutcome.Resumed || result.Run!.State.Status != WorkflowStatus.Finished)
            throw new InvalidOperationException($"Resume failed: {result.Outcome} {result.Message} {result.Run?.State.Status}");
    }
}
