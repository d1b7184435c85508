using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// The HTTP load harness over a national data set (<c>--load</c>): starts the real app (the web project's build, its own
/// process on 127.0.0.1 and a free port) on the data the generator built — or measures one already running
/// (<c>--url</c>) — and prints Markdown: cold start to <c>/health</c>, p50/p95/p99 of every list, detail, export and
/// dashboard call as the city (<c>city</c>) and as a district (<c>shexian</c>, signed in through the API's login as the
/// tests do), decisions per second at 1/4/16 clients (city reviewers approving 市级评审 tasks of the use-case-built
/// nominations through <c>POST /api/tasks/{id}/complete</c>; the first ones after the start are reported apart as "cold"), the app's RSS (from /proc) and the database's size per
/// 1,000 nominations. Every figure is printed next to the machine's load average: the machine is shared. With
/// <c>--nodes 2</c> (PostgreSQL only) both nodes keep Hangfire on PostgreSQL, as in scale-out, and after the one-node rows a
/// second node is started on the same database and the decisions are spread over both.
/// </summary>
internal static class LoadHarness
{
    private const string Password = "Demo#2026";

    public static async Task<int> RunAsync(string[] args, Action<string> progress)
    {
        var rounds = int.Parse(NationalCommands.Value(args, "--rounds") ?? "30", CultureInfo.InvariantCulture);
        var pageRounds = int.Parse(NationalCommands.Value(args, "--page-rounds") ?? "10", CultureInfo.InvariantCulture);
        // --decisions: the steady-state decisions (a sixth at 1 client, a third at 4, the rest at 16), after --cold-decisions.
        var decisions = int.Parse(NationalCommands.Value(args, "--decisions") ?? "450", CultureInfo.InvariantCulture);
        var url = NationalCommands.Value(args, "--url");
        // --only "nominations,pools": time only the calls whose name contains one of these words (a list-only run skips the exports).
        var only = NationalCommands.Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // --pages "/dashboard": time only the Blazor pages whose name contains one of these words.
        var onlyPages = NationalCommands.Value(args, "--pages")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var target = NationalCommands.Target(args);
        // --smtp PORT: the app sends its notices (every 5 s, as configured by default) to an SMTP server on 127.0.0.1:PORT (e.g.
        // maildev) instead of keeping them unsent, and the report adds how long the outbox takes to deliver the decisions' notices.
        var smtpPort = NationalCommands.Value(args, "--smtp");
        // --nodes 2: a second app process on the same PostgreSQL database decides alongside the first (--two-node-decisions).
        var nodes = int.Parse(NationalCommands.Value(args, "--nodes") ?? "1", CultureInfo.InvariantCulture);
        var twoNodeDecisions = int.Parse(NationalCommands.Value(args, "--two-node-decisions") ?? "450", CultureInfo.InvariantCulture);
        if (nodes is < 1 or > 2) throw new ArgumentException("--nodes is 1 or 2.");
        if (nodes == 2 && (target.PostgreSql is null || url is not null)) throw new ArgumentException("--nodes 2 starts two apps on one PostgreSQL database: give --postgres, not --url.");
        var scaleOut = nodes == 2 ? ScaleOutSettings(target, node: 1) : null;
        var repoRoot = BenchHost.FindRepoRoot();
        Process? app = null;
        Process? second = null;
        var coldStart = TimeSpan.Zero;
        try
        {
            if (url is null)
            {
                (app, url, coldStart) = await StartAppAsync(repoRoot, target, NationalCommands.Value(args, "--web-dll"), progress, smtpPort, scaleOut);
            }
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
            var city = await SignInAsync(url, "city");
            var district = await SignInAsync(url, "shexian");
            var year = ChinaTime.CurrentYear(TimeProvider.System);
            var total = (int)(await GetJsonAsync(city, $"/api/nominations?year={year}&pageSize=1"))["total"]!;
            var districtTotal = (int)(await GetJsonAsync(district, $"/api/nominations?year={year}&pageSize=1"))["total"]!;
            var poolTotal = (int)(await GetJsonAsync(city, $"/api/pools?year={year}&pageSize=1"))["total"]!;
            var inboxTotal = (int)(await GetJsonAsync(city, "/api/tasks?pageSize=1"))["total"]!;
            var sample = (await GetJsonAsync(city, $"/api/nominations?year={year}&district=341021&pageSize=1"))["items"]![0]!;
            var nominationId = (string)sample["id"]!;
            var applicant = (string)sample["applicantName"]!;
            var keyword = applicant.Length > 8 ? applicant[^10..^4] : applicant;
            var taskId = (string)(await GetJsonAsync(city, "/api/tasks?pageSize=1"))["items"]![0]!["id"]!;
            var lastPage = Math.Max(1, (total + 19) / 20);

            Console.WriteLine($"# Load harness: {total:#,0} nominations ({(target.PostgreSql is null && app is not null ? "SQLite" : app is null ? url : "PostgreSQL")})");
            Console.WriteLine();
            Console.WriteLine($"- {Environment.ProcessorCount} cores; load average at start {NationalCommands.LoadAverage()}; {rounds} timed rounds per call after 3 warm-up calls, one client at a time");
            Console.WriteLine($"- Data: {total:#,0} nominations of the year (shexian {districtTotal:#,0}), {poolTotal:#,0} pool members, {inboxTotal:#,0} open tasks in the city's inbox");
            if (app is not null) Console.WriteLine($"- Cold start (process start → /health 200): {coldStart.TotalSeconds:0.00} s (goal < 3 s)");
            Console.WriteLine();

            // 培育梯度's stored standings: the first standing filter after the start builds them for the day (the night's job's
            // work in service: every member of the city assessed once), timed once here before the calls warm up.
            const string standingPath = "/api/readiness?tier=Province&standing=Gaps&pageSize=1";
            if (only is null || only.Any(w => "readiness by standing (省级有差距)".Contains(w, StringComparison.Ordinal)))
            {
                progress("load: standings' first build");
                var built = await OnceAsync(city, standingPath);
                Console.WriteLine($"- 培育梯度's standings built for the day by the first standing filter (the nightly job's work): {built}");
                Console.WriteLine();
            }

            var calls = new List<(string Who, HttpClient Client, string Name, string Path, TimeSpan Goal)>();
            var list = TimeSpan.FromMilliseconds(50);
            var heavy = TimeSpan.FromMilliseconds(300);
            foreach (var (who, client) in new[] { ("city", city), ("shexian", district) })
            {
                calls.Add((who, client, "nominations page 1", $"/api/nominations?year={year}", list));
                if (who == "city")
                {
                    calls.Add((who, client, $"nominations page {lastPage / 2}", $"/api/nominations?year={year}&page={lastPage / 2}", list));
                    calls.Add((who, client, $"nominations last page ({lastPage})", $"/api/nominations?year={year}&page={lastPage}", list));
                    calls.Add((who, client, "nominations of one district", $"/api/nominations?year={year}&district=341021", list));
                }
                calls.Add((who, client, "nominations by keyword", $"/api/nominations?year={year}&keyword={Uri.EscapeDataString(keyword)}", list));
                calls.Add((who, client, "nominations sorted by applicant", $"/api/nominations?year={year}&sort=applicant", list));
                calls.Add((who, client, "nomination detail", $"/api/nominations/{nominationId}", list));
                calls.Add((who, client, "nomination history", $"/api/nominations/{nominationId}/history", list));
                calls.Add((who, client, "pools page 1", $"/api/pools?year={year}", list));
                calls.Add((who, client, "pools page 50", $"/api/pools?year={year}&page=50", list));
                calls.Add((who, client, "pools by keyword", $"/api/pools?year={year}&keyword={Uri.EscapeDataString(keyword)}", list));
                calls.Add((who, client, "inbox page 1", "/api/tasks", list));
                calls.Add((who, client, "inbox page 20", "/api/tasks?page=20", list));
                calls.Add((who, client, "inbox by keyword", $"/api/tasks?keyword={Uri.EscapeDataString(keyword)}", list));
                // Two characters have no trigram: read from the bigram index (KeywordIndex.Answers).
                calls.Add((who, client, "nominations by 2-character keyword", $"/api/nominations?year={year}&keyword={Uri.EscapeDataString(applicant[..2])}", list));
                if (who == "city") calls.Add((who, client, "task detail", $"/api/tasks/{taskId}", list));
                // 培育梯度: a page is assessed alone; a standing filter (省级有差距) and the target plan select by the stored standings.
                calls.Add((who, client, "readiness page 1", "/api/readiness", list));
                calls.Add((who, client, "readiness by standing (省级有差距)", "/api/readiness?tier=Province&standing=Gaps", list));
                calls.Add((who, client, "readiness plan", "/api/readiness/plan", heavy));
                calls.Add((who, client, "readiness .xlsx (shexian)", "/exports/readiness.xlsx?district=341021", heavy));
                calls.Add((who, client, "nominations .xlsx (shexian)", $"/exports/nominations.xlsx?year={year}&district=341021", heavy));
                calls.Add((who, client, "pools .xlsx by keyword", $"/exports/pools.xlsx?year={year}&keyword={Uri.EscapeDataString(keyword)}", heavy));
                foreach (var sheet in new[] { "funnel", "districts", "durations", "target", "bottlenecks", "stage-districts" })
                    calls.Add((who, client, $"dashboard {sheet} .xlsx", $"/exports/dashboard/{sheet}.xlsx?year={year}", heavy));
            }

            var table = new MarkdownTable("who", "call", "p50 ms", "p95 ms", "p99 ms", "bytes", "goal (p95)", "load avg");
            long peakRss = 0;
            foreach (var (who, client, name, path, goal) in calls.Where(c => only is null || only.Any(w => c.Name.Contains(w, StringComparison.Ordinal))))
            {
                progress($"load: {who} {name}");
                var (times, bytes, failure) = await TimeAsync(client, path, rounds);
                peakRss = Math.Max(peakRss, Rss(app));
                if (failure is not null) { table.Row(who, name, "—", "—", "—", "—", $"FAILED: {failure}", NationalCommands.LoadAverage()); continue; }
                var p95 = Percentile(times, 0.95);
                table.Row(who, name, Fmt.N1(Percentile(times, 0.50)), Fmt.N1(p95), Fmt.N1(Percentile(times, 0.99)), Fmt.N0(bytes),
                    $"{(p95 <= goal.TotalMilliseconds ? "met" : "MISSED")} (< {goal.TotalMilliseconds:0})", NationalCommands.LoadAverage().Split(' ')[0]);
            }
            Console.WriteLine("## Calls (p50/p95/p99 over the timed rounds)");
            Console.WriteLine();
            Console.WriteLine(table);

            if (pageRounds > 0 && !args.Contains("--no-browser"))
            {
                Console.WriteLine($"## Blazor pages: navigation → main content visible (headless Chromium, {pageRounds} rounds after one warm-up, a new tab each time)");
                Console.WriteLine();
                var tp = new MarkdownTable("who", "page", "p50 ms", "p95 ms", "max ms", "goal (p95)", "load avg");
                // Medians of where each render's time went, on the page's own clock (BlazorFirstRender.RenderPhases).
                var tw = new MarkdownTable("who", "page", "document", "blazor.web.js", "DOMContentLoaded", "initializers", "negotiate start → end", "content in page", "content seen by the harness");
                var pages = BlazorFirstRender.Pages(nominationId, applicant)
                    .Where(p => onlyPages is null || onlyPages.Any(w => p.Name.Contains(w, StringComparison.Ordinal))).ToList();
                foreach (var who in new[] { "city", "shexian" })
                {
                    progress($"load: Blazor pages as {who}");
                    var measured = await BlazorFirstRender.MeasureAsync(url, who, Password, pages, pageRounds);
                    if (measured is null) { Console.WriteLine($"- {BlazorFirstRender.ChromiumPath} is missing: page render times not measured (`--no-browser` skips them)."); break; }
                    peakRss = Math.Max(peakRss, Rss(app));
                    var times = measured.Times;
                    foreach (var page in pages)
                    {
                        var at = measured.Phases[page.Name];
                        string Median(Func<BlazorFirstRender.RenderPhases, double?> phase) =>
                            at.Select(phase).OfType<double>().ToList() is { Count: > 0 } seen ? Fmt.N0(Percentile(seen, 0.5)) : "—";
                        tw.Row(who, page.Name, Median(p => p.Document), Median(p => p.BlazorScript), Median(p => p.ContentLoaded), Median(p => p.Initializers),
                            $"{Median(p => p.NegotiateStart)} → {Median(p => p.NegotiateEnd)}", Median(p => p.Content), Fmt.N0(Percentile(times[page.Name], 0.5)));
                        var p95 = Percentile(times[page.Name], 0.95);
                        tp.Row(who, page.Name, Fmt.N1(Percentile(times[page.Name], 0.5)), Fmt.N1(p95), Fmt.N1(times[page.Name].Max()),
                            $"{(p95 < 1000 ? "met" : "MISSED")} (< 1000)", NationalCommands.LoadAverage().Split(' ')[0]);
                    }
                }
                Console.WriteLine(tp);
                Console.WriteLine("Where the first render's time goes (medians, ms from the navigation's start on the page's own clock):");
                Console.WriteLine();
                Console.WriteLine(tw);
            }

            progress("load: decisions");
            // A cold start leaves the decision path in the JIT's first tier: the first decisions after start are measured
            // apart ("cold", --cold-decisions at 16 clients) and are not counted in the steady state (1/4/16 clients after them).
            var coldDecisions = int.Parse(NationalCommands.Value(args, "--cold-decisions") ?? "100", CultureInfo.InvariantCulture);
            var open = await DecidableTasksAsync(city, coldDecisions + decisions + (nodes == 2 ? coldDecisions + twoNodeDecisions : 0));
            Console.WriteLine($"## Decisions (city reviewers approving 市级评审 tasks over HTTP, one task per call; {open.Count} decidable tasks)");
            Console.WriteLine();
            // The app's CPU time per decision is the work itself: on a shared machine wall time also counts waiting for a core.
            var td = new MarkdownTable("phase", "clients", "decisions", "decisions/s", "p50 ms", "p95 ms", "app CPU ms/decision", "goal", "load avg");
            var taken = 0;
            var phases = new List<(string Phase, int Clients, int Share)> { ("cold", 16, coldDecisions) };
            phases.AddRange([("warm", 1, decisions / 6), ("warm", 4, decisions / 3), ("warm", 16, decisions - decisions / 6 - decisions / 3)]);
            // One row: up to `wanted` of the open tasks decided by `clients` connections spread over `urls`, with the CPU of
            // every node running.
            async Task DecisionRowAsync(string phase, string[] urls, int clients, int wanted, Func<double, string> goal)
            {
                var clientsText = urls.Length == 1 ? clients.ToString(CultureInfo.InvariantCulture) : $"{clients} ({clients / urls.Length} per node)";
                var share = Math.Min(open.Count - taken, wanted);
                if (share < clients) { td.Row(phase, clientsText, "0", "—", "—", "—", "—", $"not enough open tasks ({open.Count})", NationalCommands.LoadAverage()); return; }
                var batch = open.GetRange(taken, share);
                taken += share;
                var cpuBefore = AppCpu(app) + AppCpu(second);
                var result = await DecideAsync(urls, city.DefaultRequestHeaders.Authorization!, batch, clients);
                var cpuPerDecision = app is null || result.Count == 0 ? "—" : Fmt.N1((AppCpu(app) + AppCpu(second) - cpuBefore).TotalMilliseconds / result.Count);
                peakRss = Math.Max(peakRss, Rss(app) + Rss(second));
                td.Row(phase, clientsText, Fmt.N0(result.Count), Fmt.N1(result.PerSecond), Fmt.N1(Percentile(result.Times, 0.5)), Fmt.N1(Percentile(result.Times, 0.95)),
                    cpuPerDecision, goal(result.PerSecond), NationalCommands.LoadAverage().Split(' ')[0]);
            }

            foreach (var (phase, clients, wanted) in phases.Where(p => p.Share > 0))
                await DecisionRowAsync(phase, [url], clients, wanted,
                    perSecond => phase == "warm" && clients == 16 ? $"{(perSecond >= 150 ? "met" : "MISSED")} (≥ 150/s)" : "");
            if (nodes == 2)
            {
                // The second node: started now on the same database (its own data directory, as a node on another machine), its
                // first decisions alone at 16 clients ("cold", JIT), then the decisions spread over both nodes, 8 clients each.
                (second, var secondUrl, var secondStart) = await StartAppAsync(repoRoot, target, NationalCommands.Value(args, "--web-dll"), progress, smtpPort,
                    ScaleOutSettings(target, node: 2));
                Console.WriteLine($"- Second node started on the same PostgreSQL database in {secondStart.TotalSeconds:0.00} s; the rows below are decisions over HTTP to both nodes.");
                Console.WriteLine();
                await DecisionRowAsync("second node cold", [secondUrl], 16, coldDecisions, _ => "");
                await DecisionRowAsync("two nodes", [url, secondUrl], 16, twoNodeDecisions, _ => "both nodes' CPU");
            }
            Console.WriteLine(td);
            if (smtpPort is not null && taken > 0) Console.WriteLine($"- {await DeliveredAsync(url, progress)}");
            if (taken > 0 && (only is null || only.Any(w => "readiness by standing (省级有差距)".Contains(w, StringComparison.Ordinal))))
                Console.WriteLine($"- The next standing filter after these {taken:#,0} decisions (their members assessed again): {await OnceAsync(city, standingPath)}");
            Console.WriteLine();

            Console.WriteLine("## Resources");
            Console.WriteLine();
            if (app is not null)
            {
                var hwm = Status(app, "VmHWM");
                Console.WriteLine($"- App RSS now {Rss(app) / 1048576.0:#,0} MB, peak seen {peakRss / 1048576.0:#,0} MB, VmHWM {hwm / 1048576.0:#,0} MB (goal < 1 GB); " +
                    $"of the RSS now {Status(app, "RssAnon") / 1048576.0:#,0} MB anonymous (the heaps) and {Status(app, "RssFile") / 1048576.0:#,0} MB file-backed " +
                    "(code, and SQLite's memory-mapped database pages, which the kernel may drop)");
            }
            var size = await DatabaseSizeAsync(target);
            if (size > 0) Console.WriteLine($"- Database {size / 1048576.0:#,0.0} MB: {size / 1024.0 / (total / 1000.0):#,0} KB per 1,000 nominations of the year (all tables, indexes, workflow store)");
            if (second is not null)
            {
                Console.WriteLine($"- Second node: RSS now {Rss(second) / 1048576.0:#,0} MB, VmHWM {Status(second, "VmHWM") / 1048576.0:#,0} MB");
                await StopAsync(second);
                second.Dispose();
                second = null;
            }
            if (app is not null)
            {
                // The first start above may include a pending migration of the copied data set; a start after a clean stop has none.
                await StopAsync(app);
                app.Dispose();
                (app, _, var again) = await StartAppAsync(repoRoot, target, NationalCommands.Value(args, "--web-dll"), progress, smtpPort, scaleOut);
                Console.WriteLine($"- Cold start again after a clean stop (nothing left to migrate): {again.TotalSeconds:0.00} s (goal < 3 s)");
            }
            Console.WriteLine($"- Load average at the end {NationalCommands.LoadAverage()}");
            return 0;
        }
        finally
        {
            foreach (var process in new[] { app, second })
            {
                if (process is { HasExited: false })
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
                process?.Dispose();
            }
        }
    }

    /// <summary>
    /// What a scale-out node adds to the data set's settings (README, "Scale-out"): Hangfire on the same PostgreSQL database, and
    /// a data directory of its own (nodes share nothing but the database).
    /// </summary>
    private static Dictionary<string, string> ScaleOutSettings(SeedTarget target, int node) => new()
    {
        ["Scheduling__Storage"] = "PostgreSql",
        ["ConnectionStrings__Hangfire"] = target.PostgreSql!,
        ["Data__Directory"] = Path.Combine(target.DataDirectory, $"node{node}"),
    };

    /// <summary>Starts the web project's Release build, or <paramref name="webDll"/> (<c>--web-dll</c>: another build, e.g. of an earlier commit, measured the same way).</summary>
    /// <summary>
    /// Waits (up to 10 minutes) until the app's outbox has no notice pending and says how many were sent, how many are dead
    /// letters and how long the delivery took after the last decision (the administrator's outbox list, as 系统管理员).
    /// </summary>
    private static async Task<string> DeliveredAsync(string url, Action<string> progress)
    {
        progress("load: waiting for the outbox to deliver");
        var admin = await SignInAsync(url, "admin");
        async Task<int> CountAsync(string status) => (int)(await GetJsonAsync(admin, $"/api/outbox?status={status}&pageSize=1"))["total"]!;
        var watch = Stopwatch.StartNew();
        var pending = await CountAsync("Pending");
        var pendingAtEnd = pending;
        while (pending > 0 && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            pending = await CountAsync("Pending");
        }
        return $"Notices by SMTP: {pendingAtEnd:#,0} pending when the decisions ended, {(pending == 0 ? "all delivered" : $"{pending:#,0} still pending")} " +
            $"{watch.Elapsed.TotalSeconds:0.0} s later; {await CountAsync("Sent"):#,0} sent in all, {await CountAsync("DeadLetter"):#,0} dead letters";
    }

    /// <summary>Stops the app as a service manager would (SIGTERM, then its graceful shutdown), killing it after a minute.</summary>
    private static async Task StopAsync(Process app)
    {
        using (var term = Process.Start("kill", ["-TERM", app.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try { await app.WaitForExitAsync(patience.Token); }
        catch (OperationCanceledException) { app.Kill(entireProcessTree: true); await app.WaitForExitAsync(); }
    }

    internal static async Task<(Process App, string Url, TimeSpan ColdStart)> StartAppAsync(string repoRoot, SeedTarget target, string? webDll, Action<string> progress,
        string? smtpPort = null, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var dll = webDll is not null ? Path.GetFullPath(webDll) : Path.Combine(repoRoot, "src", "GreenTierWorkflows.Web", "bin", "Release", "net10.0", "GreenTierWorkflows.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the web project in Release first (the bench build does).", dll);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in target.Settings(repoRoot))
            if (value is not null) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        if (smtpPort is not null)
        {
            start.Environment["Notices__Smtp__Host"] = "127.0.0.1";
            start.Environment["Notices__Smtp__Port"] = smtpPort;
            start.Environment.Remove("Notices__PollSeconds");
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) start.Environment[key] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        progress($"load: starting the app on {url}");
        var watch = Stopwatch.StartNew();
        var app = Process.Start(start)!;
        var log = new List<string>();
        app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited ({app.ExitCode}):\n{string.Join("\n", log.TakeLast(30))}");
            try
            {
                using var health = await probe.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return (app, url, watch.Elapsed);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        app.Kill(entireProcessTree: true);
        throw new TimeoutException($"The app did not answer /health within 5 minutes:\n{string.Join("\n", log.TakeLast(30))}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client signed in through the API's login (a bearer token), as API clients and the tests sign in.</summary>
    internal static async Task<HttpClient> SignInAsync(string url, string user)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5),
        };
        using var response = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        var token = response.IsSuccessStatusCode ? JsonNode.Parse(body)?["accessToken"]?.GetValue<string>() : null;
        if (token is null) throw new InvalidOperationException($"Sign-in of {user} failed: {(int)response.StatusCode} {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<(List<double> Times, long Bytes, string? Failure)> TimeAsync(HttpClient client, string path, int rounds)
    {
        var times = new List<double>(rounds);
        long bytes = 0;
        for (var round = -3; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var content = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode) return (times, 0, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(200, content.Length)))}");
            bytes = content.Length;
            if (round >= 0) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (times, bytes, null);
    }

    /// <summary>One call's wall time, or why it failed.</summary>
    private static async Task<string> OnceAsync(HttpClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? $"{watch.Elapsed.TotalMilliseconds:#,0} ms" : $"FAILED: {(int)response.StatusCode}";
    }

    /// <summary>User + system CPU time of the app process so far (zero when measuring an app started elsewhere).</summary>
    private static TimeSpan AppCpu(Process? app)
    {
        if (app is null || app.HasExited) return TimeSpan.Zero;
        app.Refresh();
        return app.TotalProcessorTime;
    }

    /// <summary>Open 市级评审 tasks of nominations the use cases built (copies have no workflow instance to resume).</summary>
    internal static async Task<List<string>> DecidableTasksAsync(HttpClient city, int wanted)
    {
        var ids = new List<string>();
        for (var page = 1; ids.Count < wanted && page <= 400; page++)
        {
            var items = (await GetJsonAsync(city, $"/api/tasks?pageSize=100&page={page}"))["items"]!.AsArray();
            if (items.Count == 0) break;
            ids.AddRange(items.Where(t => (string)t!["stage"]! == "市级评审" && !((string)t["id"]!).Contains('~', StringComparison.Ordinal)).Select(t => (string)t!["id"]!));
        }
        return ids.Take(wanted).ToList();
    }

    /// <summary>
    /// Decides <paramref name="tasks"/> with <paramref name="clients"/> concurrent connections of one signed-in city reviewer
    /// (sign-in is rate-limited; its token is accepted by every node), the connections spread evenly over <paramref name="urls"/>.
    /// </summary>
    private static async Task<(int Count, double PerSecond, List<double> Times)> DecideAsync(string[] urls, AuthenticationHeaderValue token, List<string> tasks, int clients)
    {
        var signedIn = Enumerable.Range(0, clients).Select(i =>
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(urls[i % urls.Length]), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Authorization = token;
            return client;
        }).ToArray();
        var times = new List<double>();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(signedIn.Select(client => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tasks.Count)
            {
                var call = Stopwatch.StartNew();
                using var response = await client.PostAsJsonAsync($"/api/tasks/{tasks[i]}/complete", new { outcome = "通过", comment = (string?)null });
                call.Stop();
                // 409 任务已被办理: a task listed while a previous run's last effects were still being applied (the first step
                // after a restart drains them); it is skipped, not counted.
                if (response.StatusCode == System.Net.HttpStatusCode.Conflict) continue;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Decision on {tasks[i]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                lock (times) times.Add(call.Elapsed.TotalMilliseconds);
            }
        })));
        watch.Stop();
        foreach (var client in signedIn) client.Dispose();
        return (times.Count, times.Count / watch.Elapsed.TotalSeconds, times);
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static long Rss(Process? app) => app is null ? 0 : Status(app, "VmRSS");

    /// <summary>A size line of /proc/&lt;pid&gt;/status, in bytes.</summary>
    private static long Status(Process app, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{app.Id}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return 0; }
    }

    private static async Task<long> DatabaseSizeAsync(SeedTarget target)
    {
        if (target.PostgreSql is null)
            return Directory.Exists(target.DataDirectory)
                ? Directory.EnumerateFiles(target.DataDirectory, "greentier.db*").Sum(f => new FileInfo(f).Length) : 0;
        await using var connection = new Npgsql.NpgsqlConnection(target.PostgreSql);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
