using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// Cold start of the built web app (<c>src/GreenTierWorkflows.Web/bin/Release/net10.0</c>, or <c>--app-dir</c>, e.g. a
/// ReadyToRun publish) on SQLite, in the Production environment with demo mode on (as the load harness runs it): with the
/// demo data a first start creates and seeds a database; with <c>--data-dir DIR</c> (e.g. the national data set) that
/// directory is the starting point and is never changed. Each round starts the app on a fresh copy (127.0.0.1, a free port)
/// and polls until <c>/health</c> and the sign-in page (<c>/account/login</c>) answer 200; the app's CPU time (user +
/// system, from /proc) when /health first answers is recorded too, since on a shared machine wall time mostly measures
/// waiting for a core. The app's "Start-up phase" log lines say where the time went. Target: under 3 s to the first page.
/// </summary>
internal static partial class StartupBench
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(3);

    public static async Task<StartupBenchResult> RunAsync(string repoRoot, int rounds, string? dataDirectory = null, string? appDirectory = null)
    {
        var dll = Path.Combine(appDirectory ?? Path.Combine(repoRoot, "src", "GreenTierWorkflows.Web", "bin", "Release", "net10.0"), "GreenTierWorkflows.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: dotnet build src/GreenTierWorkflows.Web -c Release");
        var directory = Directory.CreateTempSubdirectory("gtw-startbench-");
        try
        {
            var seeded = dataDirectory ?? Path.Combine(directory.FullName, "seeded");
            var result = new StartupBenchResult { LoadBefore = ProcessTreeCpu.LoadAverage(), DataDirectory = dataDirectory };
            if (dataDirectory is null) result.FirstStart = await StartOnceAsync(repoRoot, dll, seeded);
            for (var round = 0; round < rounds; round++)
            {
                var copy = Path.Combine(directory.FullName, $"round{round}");
                CopyDirectory(seeded, copy);
                result.Rounds.Add(await StartOnceAsync(repoRoot, dll, copy));
                Directory.Delete(copy, recursive: true);
            }
            result.LoadAfter = ProcessTreeCpu.LoadAverage();
            return result;
        }
        finally
        {
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<StartupRound> StartOnceAsync(string repoRoot, string dll, string dataDirectory)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        foreach (var (key, value) in new SeedTarget(dataDirectory, null).Settings(repoRoot))
            if (value is not null) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Readiness__RulesDirectory"] = Path.Combine(repoRoot, "rules", "readiness");
        start.Environment["Studio__PackagePath"] = Path.Combine(repoRoot, "node_modules", "@elsa-workflows", "elsa-studio-wasm");
        start.Environment["Logging__LogLevel__GreenTierWorkflows.Web.Hosting.StartupTasks"] = "Information";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        var log = new System.Text.StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        void Read(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            if (PhaseLine().Match(line) is { Success: true } m)
                lock (phases) phases[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        TimeSpan? health = null, login = null, cpu = null;
        try
        {
            while (login is null)
            {
                if (process.HasExited) throw new InvalidOperationException($"the app exited with code {process.ExitCode}:\n{log}");
                if (watch.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"no 200 from /health and /account/login within 3 minutes:\n{log}");
                if (health is null && await OkAsync(http, url + "/health"))
                {
                    health = watch.Elapsed;
                    cpu = ProcessTreeCpu.OfProcess(process.Id);
                }
                if (health is not null && await OkAsync(http, url + "/account/login")) login = watch.Elapsed;
                else await Task.Delay(25);
            }
        }
        finally
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync();
        }
        lock (phases) return new StartupRound(health!.Value, login.Value, cpu, new Dictionary<string, double>(phases, StringComparer.Ordinal));
    }

    private static async Task<bool> OkAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    [GeneratedRegex(@"Start-up phase (\S+): (\d+) ms")]
    private static partial Regex PhaseLine();
}

/// <summary>One start: time to /health 200, to the sign-in page's 200, the app's CPU time at /health, and its logged phases (ms).</summary>
internal sealed record StartupRound(TimeSpan Health, TimeSpan Login, TimeSpan? CpuAtHealth, IReadOnlyDictionary<string, double> Phases);

internal sealed class StartupBenchResult
{
    public StartupRound? FirstStart { get; set; }
    public string? DataDirectory { get; set; }
    public List<StartupRound> Rounds { get; } = [];
    public double LoadBefore { get; set; }
    public double LoadAfter { get; set; }
}
