using System.Globalization;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// The national-scale commands: <c>--seed-national N</c> builds a data set through the use cases
/// (<see cref="NationalSeeder"/>); <c>--load</c> measures the running app over HTTP on it (<see cref="LoadHarness"/>).
/// They live in the bench, not in <c>gtw</c>: the generator needs the web host's whole composition (identity, the effects
/// applier, start-up import) and the CLI deliberately knows only the runtime and the store.
/// </summary>
internal static class NationalCommands
{
    public static async Task<int> SeedAsync(string[] args, Action<string> progress)
    {
        var count = int.Parse(Value(args, "--seed-national") ?? "10000", CultureInfo.InvariantCulture);
        var copies = int.Parse(Value(args, "--copies") ?? "1", CultureInfo.InvariantCulture);
        var workers = int.Parse(Value(args, "--workers") ?? "4", CultureInfo.InvariantCulture);
        var target = Target(args);
        var repoRoot = BenchHost.FindRepoRoot();
        progress($"seed: {count:#,0} nominations into {(target.PostgreSql is null ? target.DataDirectory : "PostgreSQL")} with {workers} workers");
        var result = await NationalSeeder.RunAsync(repoRoot, target, count, copies, workers, progress);
        Console.WriteLine($"# National data set: {result.Nominations:#,0} nominations through the use cases");
        Console.WriteLine();
        Console.WriteLine($"- Target: {(target.PostgreSql is null ? $"SQLite in `{target.DataDirectory}`" : "PostgreSQL")}, {workers} workers, load average {LoadAverage()}");
        Console.WriteLine($"- Elapsed {result.Elapsed.TotalSeconds:#,0.0} s: {result.Nominations / result.Elapsed.TotalSeconds:#,0.0} nominations/s, " +
            $"{result.UseCaseCalls / result.Elapsed.TotalSeconds:#,0.0} use-case calls/s ({result.UseCaseCalls:#,0} calls), {result.TotalRows / result.Elapsed.TotalSeconds:#,0} rows/s ({result.TotalRows:#,0} rows)");
        Console.WriteLine();
        Console.WriteLine("| table | rows added |");
        Console.WriteLine("|---|---:|");
        foreach (var (table, rows) in result.Rows.Where(r => r.Value != 0).OrderByDescending(r => r.Value))
            Console.WriteLine($"| {table} | {rows:#,0} |");
        if (result.Copies > 1)
        {
            var rows = result.CopiedRows.Values.Sum();
            Console.WriteLine();
            Console.WriteLine($"- Copied set-based (INSERT … SELECT with new ids) to {result.Copies}× the use-case-built nominations: {rows:#,0} rows in " +
                $"{result.CopyElapsed.TotalSeconds:#,0.0} s ({rows / result.CopyElapsed.TotalSeconds:#,0} rows/s); copies have no workflow instance (they are read, not decided)");
            Console.WriteLine();
            Console.WriteLine("| table | rows copied |");
            Console.WriteLine("|---|---:|");
            foreach (var (table, copied) in result.CopiedRows.Where(r => r.Value != 0).OrderByDescending(r => r.Value))
                Console.WriteLine($"| {table} | {copied:#,0} |");
        }
        return 0;
    }

    public static Task<int> LoadAsync(string[] args, Action<string> progress) => LoadHarness.RunAsync(args, progress);

    /// <summary>The data set's place from <c>--data-dir</c> / <c>--postgres</c> (a fresh temporary directory by default).</summary>
    public static SeedTarget Target(string[] args) => new(
        Path.GetFullPath(Value(args, "--data-dir") ?? Path.Combine(Path.GetTempPath(), $"gtw-national-{DateTime.UtcNow:yyyyMMdd-HHmmss}")),
        Value(args, "--postgres"));

    public static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal) ? args[at + 1] : null;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
