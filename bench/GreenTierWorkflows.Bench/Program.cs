using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using GreenTierWorkflows.Bench;
using GreenTierWorkflows.Domain.Notices;

// GreenTierWorkflows persistence benchmark: a Stopwatch harness printing Markdown. `--quick` for CI smoke runs.
// `--notices` runs only the notice rendering section; `--documents` only the city's 推荐汇总表 at 500 nominations; `--steps` only the raw commits and the steps/s ratio (sections 1–2);
// `--startup` cold starts of the built web app to /health and the sign-in page; `--print-html FILE...` prints HTML files with the warm Chromium;
// `--breakdown` only where a step's time goes; `--frames` only which pages (WAL frames) a step's commit writes.
var quick = args.Contains("--quick");
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("usage: GreenTierWorkflows.Bench [--quick] [--notices | --documents [--keep DIR] | --startup [--data-dir DIR] [--app-dir DIR] [--rounds N] | --print-html FILE... | --steps | --breakdown | --frames]");
    Console.WriteLine("       GreenTierWorkflows.Bench --seed-national N [--data-dir DIR | --postgres CONN] [--workers 4]");
    Console.WriteLine("       GreenTierWorkflows.Bench --load (--data-dir DIR | --postgres CONN | --url URL) [--rounds 30] [--cold-decisions 100] [--decisions 450] [--only nominations,pools] [--page-rounds 10 | --no-browser] [--web-dll DLL] [--smtp PORT] [--nodes 2 [--two-node-decisions 450]]");
    return 0;
}
var p = quick ? BenchPlan.Quick : BenchPlan.Full;
var total = Stopwatch.StartNew();
void Progress(string message) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

if (args.Contains("--seed-national")) return await NationalCommands.SeedAsync(args, Progress);
if (args.Contains("--load")) return await NationalCommands.LoadAsync(args, Progress);

if (args.Contains("--startup"))
{
    Console.WriteLine($"# GreenTierWorkflows benchmark (--startup{(quick ? " --quick" : "")})");
    Console.WriteLine();
    Console.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}; .NET {RuntimeInformation.FrameworkDescription}, {BuildConfiguration()} build");
    Console.WriteLine();
    Progress("startup: cold starts of the built web app");
    var startupData = NationalCommands.Value(args, "--data-dir") is { } dataDir ? Path.GetFullPath(dataDir) : null;
    var appDir = NationalCommands.Value(args, "--app-dir") is { } app ? Path.GetFullPath(app) : null;
    var started = await StartupBench.RunAsync(BenchHost.FindRepoRoot(), int.Parse(NationalCommands.Value(args, "--rounds") ?? (quick ? "3" : "7"), System.Globalization.CultureInfo.InvariantCulture), startupData, appDir);
    Console.WriteLine($"## Cold start to the first page (SQLite, {(startupData is null ? "demo data" : $"the data set in `{startupData}`")}, a fresh copy each round{(appDir is null ? "" : $"; app from `{appDir}`")})");
    Console.WriteLine();
    Console.WriteLine($"Load average (1 min) {started.LoadBefore:0.0} before, {started.LoadAfter:0.0} after." +
        (started.FirstStart is { } first ? $" The first start (creating and seeding the database) took {first.Health.TotalMilliseconds:#,0} ms to /health." : ""));
    Console.WriteLine();
    var health = started.Rounds.Select(r => r.Health).Order().ToList();
    var login = started.Rounds.Select(r => r.Login).Order().ToList();
    var cpu = started.Rounds.Where(r => r.CpuAtHealth is not null).Select(r => r.CpuAtHealth!.Value).Order().ToList();
    Console.WriteLine("| to | rounds | median | slowest | target |");
    Console.WriteLine("|---|---:|---:|---:|---|");
    foreach (var (name, times) in new[] { ("/health 200", health), ("/account/login 200", login) })
        Console.WriteLine($"| {name} | {times.Count} | {times[times.Count / 2].TotalMilliseconds:#,0} ms | {times[^1].TotalMilliseconds:#,0} ms | {(times[times.Count / 2] < StartupBench.Target ? "met" : "MISSED")} (< {StartupBench.Target.TotalSeconds:0} s) |");
    if (cpu.Count > 0)
        Console.WriteLine($"| app CPU (user + system) at /health 200 | {cpu.Count} | {cpu[cpu.Count / 2].TotalMilliseconds:#,0} ms | {cpu[^1].TotalMilliseconds:#,0} ms | (wall ≈ CPU on an idle machine) |");
    Console.WriteLine();
    Console.WriteLine("Start-up phases as the app logs them (median ms; process-to-* are since the process started):");
    Console.WriteLine();
    Console.WriteLine("| phase | median |");
    Console.WriteLine("|---|---:|");
    foreach (var phase in started.Rounds.SelectMany(r => r.Phases.Keys).Distinct())
    {
        var values = started.Rounds.Where(r => r.Phases.ContainsKey(phase)).Select(r => r.Phases[phase]).Order().ToList();
        Console.WriteLine($"| {phase} | {values[values.Count / 2]:#,0} ms |");
    }
    Progress("done");
    return 0;
}

if (args.Contains("--print-html"))
{
    // Prints given HTML files (e.g. a document kept with --documents --keep, edited) with the warm Chromium: for comparing CSS.
    var files = args.SkipWhile(a => a != "--print-html").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    await DocumentBench.PrintFilesAsync(files, quick ? 2 : 4);
    return 0;
}

if (args.Contains("--documents"))
{
    Console.WriteLine($"# GreenTierWorkflows benchmark (--documents{(quick ? " --quick" : "")})");
    Console.WriteLine();
    Console.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}; .NET {RuntimeInformation.FrameworkDescription}, {BuildConfiguration()} build");
    Console.WriteLine();
    Progress("documents: city recommendation table");
    var keepAt = Array.IndexOf(args, "--keep");
    var docs = await DocumentBench.RunAsync(BenchHost.FindRepoRoot(), quick ? 2 : 5, keepAt >= 0 && keepAt + 1 < args.Length ? args[keepAt + 1] : null);
    Console.WriteLine($"## 推荐汇总表 for {DocumentBench.Nominations} recommended nominations (DocumentService, SQLite, Chromium print)");
    Console.WriteLine();
    Console.WriteLine($"Load average (1 min) {docs.LoadBefore:0.0} before, {docs.LoadAfter:0.0} after. CPU = user + system time of this process and Chromium's processes.");
    Console.WriteLine();
    Console.WriteLine("| format | rounds | median | slowest | CPU (median) | size | target |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
    foreach (var (format, rounds) in docs.Times)
    {
        var median = rounds[rounds.Count / 2].Wall;
        var cpu = rounds.Select(r => r.Cpu).Order().ElementAt(rounds.Count / 2);
        Console.WriteLine($"| {format} | {rounds.Count} | {median.TotalMilliseconds:#,0} ms | {rounds[^1].Wall.TotalMilliseconds:#,0} ms | {cpu.TotalMilliseconds:#,0} ms | " +
            $"{(format == "pdf" ? docs.PdfBytes : docs.XlsxBytes) / 1024.0:#,0} KB | {(median < DocumentBench.Target ? "met" : "MISSED")} (< {DocumentBench.Target.TotalSeconds:0} s) |");
    }
    if (docs.Times.TryGetValue("pdf", out var pdfRounds) && pdfRounds.All(r => r.Phases is not null))
    {
        Console.WriteLine();
        Console.WriteLine("Where a PDF's wall time goes (median of each phase; \"data + render + archive\" = total − print):");
        Console.WriteLine();
        Console.WriteLine("| data + render + archive | write page | open tab | load page | fonts ready | layout + print | transfer + decode | HTML |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        double Median(Func<DocumentRound, double> of) => pdfRounds.Select(of).Order().ElementAt(pdfRounds.Count / 2);
        Console.WriteLine($"| {Median(r => r.Wall.TotalMilliseconds - r.Phases!.Total):#,0} ms | {Median(r => r.Phases!.WritePage):#,0} ms | {Median(r => r.Phases!.OpenTab):#,0} ms | " +
            $"{Median(r => r.Phases!.Load):#,0} ms | {Median(r => r.Phases!.Fonts):#,0} ms | {Median(r => r.Phases!.Print):#,0} ms | {Median(r => r.Phases!.Transfer):#,0} ms | " +
            $"{pdfRounds[0].Phases!.HtmlChars / 1024.0:#,0} K chars |");
    }
    Progress("done");
    return 0;
}

if (args.Contains("--expressions"))
{
    Console.WriteLine($"# GreenTierWorkflows benchmark (--expressions{(quick ? " --quick" : "")})");
    Console.WriteLine();
    Console.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}; .NET {RuntimeInformation.FrameworkDescription}, {BuildConfiguration()} build; load average {ProcessTreeCpu.LoadAverage():0.0}");
    Console.WriteLine();
    Progress("expressions");
    var evaluated = await ExpressionBench.RunAsync(quick ? 2_000 : 20_000);
    Console.WriteLine("## One expression evaluation (what each decision of the review path pays per expression)");
    Console.WriteLine();
    var te = new MarkdownTable("language", "expression", "evaluations", "CPU µs each", "wall µs each", "allocated each");
    foreach (var e in evaluated) te.Row(e.Language, $"`{e.Expression}`", Fmt.N0(e.Evaluations), Fmt.N1(e.CpuMicroseconds), Fmt.N1(e.WallMicroseconds), Fmt.Kb(e.BytesEach));
    Console.WriteLine(te);
    Progress("done");
    return 0;
}

if (args.Contains("--notices"))
{
    Console.WriteLine($"# GreenTierWorkflows benchmark (--notices{(quick ? " --quick" : "")})");
    Console.WriteLine();
    Console.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}; .NET {RuntimeInformation.FrameworkDescription}, {BuildConfiguration()} build");
    Console.WriteLine();
    Progress("notice rendering");
    var onlyNotices = await NoticeRenderBench.RunAsync(BenchHost.FindRepoRoot(), p.NoticeRenders, p.NoticeWarmUp);
    PrintNotices(onlyNotices);
    Progress("done");
    return 0;
}

using var host = new BenchHost();
var tempMount = BenchHost.MountOf(host.WorkDirectory);
var repoMount = BenchHost.MountOf(host.RepoRoot);

Console.WriteLine($"# GreenTierWorkflows benchmark ({(quick ? "--quick" : "default")} mode)");
Console.WriteLine();
Console.WriteLine($"- Date: {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}");
Console.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GB visible to the GC");
Console.WriteLine($"- OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
Console.WriteLine($"- .NET: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration()} build, SQLite {SqliteVersion()}");
Console.WriteLine($"- Data directory: `{host.WorkDirectory}` on {tempMount.MountPoint} ({tempMount.FsType}, {tempMount.Device}); repo `{host.RepoRoot}` on {repoMount.MountPoint} ({repoMount.FsType}, {repoMount.Device}) — {(tempMount == repoMount ? "same file system" : "DIFFERENT file system")}");
Console.WriteLine($"- Store pragmas: `{RawCommitBench.FilePragmas}` on the file, `{GreenTierWorkflows.Infrastructure.Persistence.SqliteConnectionSetupInterceptor.ConnectionPragmas}` per connection; one transaction per step");
Console.WriteLine();

// Process-wide warm-up: JIT (and tiered promotion) of the runtime, EF Core and the commit path before anything is timed.
Progress("0/6 warm-up (until the JIT settles)");
var warmUp = await Measure.WarmUpUntilJitSettlesAsync(() => WorkflowBenches.StepsAsync(host, p.JitRoundSteps, p.StepWarmUp), p.JitMaxRounds, p.JitSettledMethods);
Console.WriteLine($"- Warm-up: {warmUp.Rounds} rounds of {Fmt.N0(p.JitRoundSteps)} starts and resumes ({warmUp.Elapsed.TotalSeconds:0} s), {Fmt.N0(warmUp.MethodsCompiled)} methods JIT-compiled, " +
    $"{Fmt.N0(warmUp.MethodsInLastRound)} in the last round — {(warmUp.Settled ? "settled" : "NOT settled: figures below include JIT work")}");
Console.WriteLine();

if (args.Contains("--frames"))
{
    Progress("WAL frames per step, by b-tree");
    var frames = await WalFrameAnatomy.RunAsync(host, quick ? 200 : 2_000, quick ? 100 : 500);
    Console.WriteLine("## WAL frames written per step (SQLite, the store's schema, through the runtime)");
    Console.WriteLine();
    Console.WriteLine("One frame per page a commit changes; a raw one-row commit writes about one. Pages are attributed to the b-tree that owns them.");
    Console.WriteLine();
    var tf = new MarkdownTable("step", "b-tree (page kind)", "frames per step");
    foreach (var f in frames)
    {
        tf.Row($"**{f.Path}**", $"**all ({Fmt.N0(f.Steps)} steps)**", $"**{Fmt.N2(f.FramesPerStep)}**");
        foreach (var (owner, perStep) in f.ByOwner) tf.Row("", owner, Fmt.N2(perStep));
    }
    Console.WriteLine(tf);
    Progress("done");
    return 0;
}

if (args.Contains("--breakdown"))
{
    await PrintBreakdownAsync(host, p, "");
    Progress("done");
    return 0;
}

// 1. raw commits
Progress("1/6 raw SQLite commits");
var raw = await RawCommitBench.RunAsync(host, p.RawCommits, p.RawWarmUp);
var rawLimit = raw[0].Loop.PerSecond;
Console.WriteLine("## 1. Raw durable one-row commit rate (Microsoft.Data.Sqlite, one INSERT per transaction)");
Console.WriteLine();
var t1 = new MarkdownTable("variant", "commits", "commits/s", "mean µs/commit", "p50 µs", "p99 µs");
foreach (var r in raw) t1.Row(r.Variant, Fmt.N0(r.Loop.Count), Fmt.N0(r.Loop.PerSecond), Fmt.N1(r.Loop.MicrosecondsEach), Fmt.N1(r.Loop.P50), Fmt.N1(r.Loop.P99));
Console.WriteLine(t1);

// 2. steps/s with full persistence
Progress("2/6 workflow steps with persistence");
var steps = await WorkflowBenches.StepsAsync(host, p.StepInstances, p.StepWarmUp);
// fsync latency drifts on a shared VM: measure the limit again right after the steps and compare with the mean of both.
var rawAfter = await RawCommitBench.RunAsync(host, p.RawCommits, p.RawWarmUp);
var rawBefore = rawLimit;
rawLimit = (rawBefore + rawAfter[0].Loop.PerSecond) / 2;
var stepRatio = steps.StepsPerSecond / rawLimit;
Console.WriteLine("## 2. Workflow steps/s with full persistence (SQLite; WriteLine → Elsa.Event → WriteLine)");
Console.WriteLine();
var t2 = new MarkdownTable("phase", "steps", "steps/s", "mean µs/step", "p50 µs", "p99 µs", "allocated/step");
t2.Row("StartAsync (runs to the Event bookmark, 1 commit)", Fmt.N0(steps.Starts.Count), Fmt.N0(steps.Starts.PerSecond), Fmt.N1(steps.Starts.MicrosecondsEach),
    Fmt.N0(steps.Starts.P50), Fmt.N0(steps.Starts.P99), Fmt.Kb(steps.Starts.BytesEach));
t2.Row("ResumeAsync(bookmarkId) (reads bookmark + instance, 1 commit)", Fmt.N0(steps.Resumes.Count), Fmt.N0(steps.Resumes.PerSecond), Fmt.N1(steps.Resumes.MicrosecondsEach),
    Fmt.N0(steps.Resumes.P50), Fmt.N0(steps.Resumes.P99), Fmt.Kb(steps.Resumes.BytesEach));
t2.Row("**all steps**", Fmt.N0(steps.Steps), Fmt.N0(steps.StepsPerSecond), Fmt.N1(steps.Elapsed.TotalMicroseconds / steps.Steps), "", "", Fmt.Kb(steps.BytesPerStep));
Console.WriteLine(t2);
Console.WriteLine($"Raw limit measured before the steps: {Fmt.N0(rawBefore)} commits/s, right after: {Fmt.N0(rawAfter[0].Loop.PerSecond)} commits/s; mean {Fmt.N0(rawLimit)}.");
Console.WriteLine();
Console.WriteLine($"Ratio steps/s ÷ raw commits/s = {Fmt.N0(steps.StepsPerSecond)} ÷ {Fmt.N0(rawLimit)} = **{Fmt.N2(stepRatio)}** (target ≥ 0.5). " +
    $"Against the pooled-connection-per-transaction variant (mean of both measurements): {Fmt.N2(steps.StepsPerSecond / ((raw[1].Loop.PerSecond + rawAfter[1].Loop.PerSecond) / 2))}.");
Console.WriteLine();

Progress("    interleaved: raw commits and steps in alternating blocks");
var interleaved = await WorkflowBenches.InterleavedAsync(host, p.InterleavedRounds, p.InterleavedRaw, p.InterleavedSteps, p.StepWarmUp);
var roundRatios = interleaved.RoundRatios.Order().ToList();
Console.WriteLine($"Interleaved ({interleaved.Rounds} rounds, each {Fmt.N0(p.InterleavedRaw)} raw commits then {Fmt.N0(p.InterleavedSteps)} starts and their resumes, so a " +
    $"drift in fsync latency hits both): raw {Fmt.N0(interleaved.RawPerSecond)} commits/s, steps {Fmt.N0(interleaved.StepsPerSecond)}/s, " +
    $"ratio **{Fmt.N2(interleaved.Ratio)}**; per round min {Fmt.N2(roundRatios[0])}, median {Fmt.N2(interleaved.MedianRoundRatio)}, max {Fmt.N2(roundRatios[^1])}.");
Console.WriteLine();
Progress("    concurrent callers (group commit)");
var concurrent = new List<ConcurrentStepsResult>();
foreach (var callers in p.ConcurrentCallers)
    concurrent.Add(await WorkflowBenches.ConcurrentStepsAsync(host, callers, p.ConcurrentSteps / (2 * callers), p.StepWarmUp));
var rawConcurrent = (await RawCommitBench.RunAsync(host, p.RawCommits / 5, p.RawWarmUp))[0].Loop.PerSecond;
Console.WriteLine($"### Concurrent callers (each a start then its resume, in a loop; raw limit measured right after: {Fmt.N0(rawConcurrent)} commits/s)");
Console.WriteLine();
var tc = new MarkdownTable("callers", "steps", "steps/s", "steps per transaction (group commit)", "ratio to the raw limit");
foreach (var c in concurrent) tc.Row(Fmt.N0(c.Callers), Fmt.N0(c.Steps), Fmt.N0(c.StepsPerSecond), Fmt.N2(c.StepsPerTransaction), Fmt.N2(c.StepsPerSecond / rawConcurrent));
Console.WriteLine(tc);
Console.WriteLine("Steps that arrive while a commit is in progress are committed together: one transaction, one fsync, each step in its own savepoint.");
Console.WriteLine();
if (args.Contains("--steps"))
{
    Progress("done");
    return 0;
}

// 3. persisted runs
Progress("3/6 persisted runs");
var workflows = new (string Name, string Json, string[] Output)[]
{
    ("hello-world.json", host.ReadSample("hello-world.json"), ["Hello World!"]),
    ("join-all-1.json", host.ReadSample("join-all-1.json"), ["Start", "Line 1", "Line 2", "End"]),
    ("20 × WriteLine flowchart", BenchHost.WriteLineChain(20), Enumerable.Range(1, 20).Select(i => $"Line {i}").ToArray()),
};
var runs = new List<RunResult>();
foreach (var (name, json, output) in workflows)
{
    using (var sqlite = host.CreateSqlite("runs"))
        runs.Add(await WorkflowBenches.RunsAsync(sqlite, name, "SQLite", json, output, p.SqliteRuns, p.RunWarmUp));
    using (var memory = BenchHost.CreateMemory())
        runs.Add(await WorkflowBenches.RunsAsync(memory, name, "memory", json, output, p.MemoryRuns, p.MemoryWarmUp));
    Progress($"  {name} done");
}
double Speedup(string workflow, string store) =>
    runs.Single(r => r.Workflow == workflow && r.Store == store).Loop.PerSecond / (EvalReference(workflow, store)?.RunsPerSecond ?? double.NaN);
Console.WriteLine("## 3. Persisted runs (start → finished, one commit per run; FlowchartMode CounterBased)");
Console.WriteLine();
var t3 = new MarkdownTable("workflow", "store", "runs", "runs/s", "mean µs/run", "p50 µs", "allocated/run", "GCs gen0/1/2", "Elsa 3.8 reference", "speed-up vs Elsa");
foreach (var r in runs)
{
    var reference = EvalReference(r.Workflow, r.Store);
    t3.Row(r.Workflow, r.Store, Fmt.N0(r.Loop.Count), Fmt.N0(r.Loop.PerSecond), Fmt.N1(r.Loop.MicrosecondsEach), Fmt.N1(r.Loop.P50), Fmt.Kb(r.Loop.BytesEach), r.Loop.Collections,
        reference?.Text ?? "—", reference is null ? "—" : Fmt.X(r.Loop.PerSecond / reference.RunsPerSecond) + reference.SpeedupNote);
}
Console.WriteLine(t3);
var helloSqlite = runs.Single(r => r.Workflow == "hello-world.json" && r.Store == "SQLite").Loop;
Console.WriteLine($"hello-world on SQLite allocates {Fmt.Kb(helloSqlite.BytesEach)} per run vs Elsa's 1.6 MB ({Fmt.X(1.6 * 1024 * 1024 / helloSqlite.BytesEach)} less); " +
    $"takes {Fmt.N2(helloSqlite.MicrosecondsEach / 1000)} ms vs Elsa's 25 ms.");
Console.WriteLine();

// 4. resume latency
Progress("4/6 resume latency (seeding instances)");
var latency = await ResumeLatencyBench.RunAsync(host, p.ResumeInstances, [1, 100], p.ResumeSamples, p.ResumeWarmUp, Progress);
var smallest = latency.MinBy(l => (l.Instances, l.Versions))!;
var largest = latency.MaxBy(l => (l.Instances, l.Versions))!;
var p99Ratio = largest.P99 / smallest.P99;
var p99Spread = latency.Max(l => l.P99) / latency.Min(l => l.P99);
Console.WriteLine($"## 4. ResumeAsync(bookmarkId) latency (SQLite, {p.ResumeSamples} random suspended instances per configuration, after {p.ResumeWarmUp} warm-up resumes)");
Console.WriteLine();
var t4 = new MarkdownTable("stored instances", "stored versions", "p50 µs", "p90 µs", "p99 µs", "mean µs", "max µs", "seeding starts/s", "db + wal size");
foreach (var l in latency)
    t4.Row(Fmt.N0(l.Instances), Fmt.N0(l.Versions), Fmt.N0(l.P50), Fmt.N0(l.P90), Fmt.N0(l.P99), Fmt.N0(l.Mean), Fmt.N0(l.Max), Fmt.N0(l.SeedPerSecond), Fmt.Mb(l.DatabaseBytes));
Console.WriteLine(t4);
Console.WriteLine($"p99 ratio largest ({Fmt.N0(largest.Instances)} × {largest.Versions}) ÷ smallest ({Fmt.N0(smallest.Instances)} × {smallest.Versions}) = " +
    $"**{Fmt.N2(p99Ratio)}** (target ≤ 2); max ÷ min p99 over all configurations = {Fmt.N2(p99Spread)}; " +
    $"p50 ratio largest ÷ smallest = {Fmt.N2(largest.P50 / smallest.P50)}.");
Console.WriteLine();

// 5. diagnostics
await PrintBreakdownAsync(host, p, $"raw limit for comparison: {Fmt.N1(raw[0].Loop.MicrosecondsEach)} µs/commit (kept-open), {Fmt.N1(raw[1].Loop.MicrosecondsEach)} µs (pooled open per transaction).");

Progress("    commit/read anatomy");
var anatomy = await StoreAnatomyBench.RunAsync(host, p.BreakdownSteps, p.BreakdownWarmUp);
Console.WriteLine($"### The start commit taken apart (store schema, real payloads, mean µs of {Fmt.N0(p.BreakdownSteps)} commits; SQL mirrors EfWorkflowStore's)");
Console.WriteLine();
var t7 = new MarkdownTable("phase", "as the store does it (open per commit, new command per statement)", "kept-open connection, statements prepared once");
foreach (var (phase, asStore, prepared) in anatomy.Commit) t7.Row(phase, Fmt.N1(asStore), Fmt.N1(prepared));
t7.Row("**total**", Fmt.N1(anatomy.Commit.Sum(c => c.AsStore)), Fmt.N1(anatomy.Commit.Sum(c => c.Prepared)));
Console.WriteLine(t7);
Console.WriteLine($"WAL bytes appended per start commit: {Fmt.Kb(anatomy.WalBytesPerCommit)} (the raw one-row commit appends one or two 4 KB pages). " +
    $"The store's auto-checkpoint ({Fmt.N0(GreenTierWorkflows.Infrastructure.Persistence.SqliteConnectionSetupInterceptor.WalAutoCheckpointPages)} pages) therefore runs about every {anatomy.CheckpointEvery} commits" +
    (double.IsFinite(anatomy.CheckpointMicroseconds)
        ? $" and costs the commit that triggers it {Fmt.N0(anatomy.CheckpointMicroseconds)} µs on average (max {Fmt.N0(anatomy.CheckpointMaxMicroseconds)} µs; measured as explicit PASSIVE checkpoints at that interval)."
        : $"; this run's {Fmt.N0(p.BreakdownSteps)} commits did not reach one, so its cost is not measured."));
Console.WriteLine();
var t8 = new MarkdownTable("read one bookmark by id", "µs");
foreach (var (read, us) in anatomy.Reads) t8.Row(read, Fmt.N1(us));
Console.WriteLine(t8);

// 6. notice rendering
Progress("6/6 notice rendering");
var notices = await NoticeRenderBench.RunAsync(host.RepoRoot, p.NoticeRenders, p.NoticeWarmUp);
PrintNotices(notices);

// targets
Console.WriteLine("## Targets");
Console.WriteLine();
var t6 = new MarkdownTable("target", "measured", "result");
t6.Row("steps/s ÷ raw commits/s ≥ 0.5 (sandwich: raw before and after the steps)", Fmt.N2(stepRatio), Fmt.Pass(stepRatio >= 0.5));
t6.Row("steps/s ÷ raw commits/s ≥ 0.5 (interleaved blocks)", $"{Fmt.N2(interleaved.Ratio)} (rounds {Fmt.N2(roundRatios[0])}–{Fmt.N2(roundRatios[^1])})", Fmt.Pass(interleaved.Ratio >= 0.5));
foreach (var (workflow, store) in new[] { ("hello-world.json", "SQLite"), ("hello-world.json", "memory"), ("20 × WriteLine flowchart", "memory") })
{
    var s = Speedup(workflow, store);
    t6.Row($"{workflow} on {store} ≥ 10× Elsa 3.8 ({EvalReference(workflow, store)!.Text})", Fmt.X(s), Fmt.Pass(s >= 10));
}
t6.Row("resume p99 flat: largest ÷ smallest configuration ≤ 2×", $"{Fmt.N2(p99Ratio)} (p50: {Fmt.N2(largest.P50 / smallest.P50)})", Fmt.Pass(p99Ratio <= 2));
t6.Row($"deadline-reminder notices rendered/s ≥ {Fmt.N0(NoticeRenderBench.Target)}", Fmt.N0(notices.Loop.PerSecond), Fmt.Pass(notices.Loop.PerSecond >= NoticeRenderBench.Target));
Console.WriteLine(t6);
Console.WriteLine($"Total bench time {total.Elapsed.TotalSeconds:0.0} s. (Informational: the harness exits 0 whatever the results.)");
Progress("done");
return 0;

async Task PrintBreakdownAsync(BenchHost host, BenchPlan p, string rawNote)
{
    Progress("5/6 diagnostics: path breakdown");
    var breakdown = await WorkflowBenches.BreakdownAsync(host, p.BreakdownSteps, p.BreakdownWarmUp);
    Console.WriteLine($"## Where a step's time goes (SQLite, mean of {Fmt.N0(breakdown.Count)} steps, same calls as the runtime makes, timed one by one)");
    Console.WriteLine();
    var t5 = new MarkdownTable("path", "phase", "µs");
    foreach (var (phase, us) in breakdown.Start) t5.Row("start", phase, Fmt.N1(us));
    foreach (var (phase, us) in breakdown.Resume) t5.Row("resume", phase, Fmt.N1(us));
    Console.WriteLine(t5);
    Console.WriteLine($"State JSON: {Fmt.N0(breakdown.StateJsonBytes)} bytes after a start; journal rows per start: {Fmt.N1(breakdown.JournalRowsPerStart)}, per resume: {Fmt.N1(breakdown.JournalRowsPerResume)}" +
        (rawNote.Length == 0 ? "." : "; " + rawNote));
    Console.WriteLine();
}

static void PrintNotices(NoticeRenderResult r)
{
    Console.WriteLine("## Notice rendering (Scriban; deadline-reminder sample: subject + HTML and text bodies in their layouts)");
    Console.WriteLine();
    var t = new MarkdownTable("template", "notices", "notices rendered/s", "mean µs/notice", "p50 µs", "p99 µs", "allocated/notice", "output chars", "target");
    t.Row(NoticeKinds.DeadlineReminder, Fmt.N0(r.Loop.Count), Fmt.N0(r.Loop.PerSecond), Fmt.N1(r.Loop.MicrosecondsEach), Fmt.N1(r.Loop.P50), Fmt.N1(r.Loop.P99),
        Fmt.Kb(r.Loop.BytesEach), Fmt.N0(r.OutputChars), $"≥ {Fmt.N0(NoticeRenderBench.Target)}/s {Fmt.Pass(r.Loop.PerSecond >= NoticeRenderBench.Target)}");
    Console.WriteLine(t);
}

static EvalRef? EvalReference(string workflow, string store) => (workflow, store) switch
{
    ("hello-world.json", "SQLite") => new EvalRef(39, "39 runs/s (25 ms, 1.6 MB/run)", ""),
    ("hello-world.json", "memory") => new EvalRef(145, "145 runs/s", ""),
    ("20 × WriteLine flowchart", "memory") => new EvalRef(52, "38–52 runs/s", " (vs 52)"),
    _ => null,
};

static string CpuModel()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

static string BuildConfiguration() =>
#if DEBUG
    "DEBUG (numbers are not meaningful; use -c Release)";
#else
    "Release";
#endif

static string SqliteVersion()
{
    using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
    connection.Open();
    using var cmd = connection.CreateCommand();
    cmd.CommandText = "SELECT sqlite_version();";
    return cmd.ExecuteScalar() as string ?? "?";
}

internal sealed record EvalRef(double RunsPerSecond, string Text, string SpeedupNote);

/// <summary>Iteration counts per mode.</summary>
internal sealed record BenchPlan(int RawCommits, int RawWarmUp, int StepInstances, int StepWarmUp, int SqliteRuns, int MemoryRuns, int RunWarmUp, int MemoryWarmUp,
    int[] ResumeInstances, int ResumeSamples, int ResumeWarmUp, int BreakdownSteps, int BreakdownWarmUp, int NoticeRenders, int NoticeWarmUp,
    int InterleavedRounds, int InterleavedRaw, int InterleavedSteps, int JitRoundSteps, int JitMaxRounds, int JitSettledMethods, int[] ConcurrentCallers, int ConcurrentSteps)
{
    public static readonly BenchPlan Quick = new(3_000, 300, 500, 200, 500, 2_000, 200, 1_000, [1_000, 10_000], 500, 50, 300, 100, 20_000, 5_000, 3, 500, 100, 1_000, 3, 50, [1, 4, 16], 2_000);
    public static readonly BenchPlan Full = new(50_000, 2_000, 5_000, 500, 5_000, 20_000, 500, 3_000, [1_000, 100_000], 500, 100, 2_000, 300, 200_000, 20_000, 10, 3_000, 500, 5_000, 16, 50, [1, 4, 16], 10_000);
}
