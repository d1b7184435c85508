using System.Text.Json.Nodes;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Scheduling;

namespace GreenTierWorkflows.Bench;

/// <summary>A runtime wired like the tests wire it, over one store.</summary>
internal sealed record BenchRuntime(IWorkflowStore Store, WorkflowRunner Runner, WorkflowRuntime Runtime, WorkflowDefinitionService Definitions) : IDisposable
{
    /// <summary>The SQLite file, for a SQLite store.</summary>
    public string? DatabasePath { get; init; }

    public void Dispose() => (Store as IDisposable)?.Dispose();
}

/// <summary>Where the bench keeps its files, how it builds runtimes, and the workflow definitions it runs.</summary>
internal sealed class BenchHost : IDisposable
{
    private int _databases;

    public BenchHost()
    {
        RepoRoot = FindRepoRoot();
        SamplesDirectory = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "elsa-samples"));
        WorkDirectory = Path.Combine(Path.GetTempPath(), $"gtw-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(WorkDirectory);
    }

    public string RepoRoot { get; }
    public string SamplesDirectory { get; }
    public string WorkDirectory { get; }

    /// <summary>A fresh SQLite file path in the work directory.</summary>
    public string NewDatabasePath(string name) => Path.Combine(WorkDirectory, $"{Interlocked.Increment(ref _databases):00}-{name}.db");

    public BenchRuntime CreateSqlite(string name)
    {
        var path = NewDatabasePath(name);
        return Create(EfWorkflowStore.CreateSqlite(path)) with { DatabasePath = path };
    }

    public static BenchRuntime CreateMemory() => Create(new MemoryWorkflowStore());

    public static BenchRuntime Create(IWorkflowStore store)
    {
        var registry = BuiltInActivities.CreateRegistry();
        var runner = new WorkflowRunner(new ExpressionEngine(), TimeProvider.System, new WorkflowRuntimeOptions());
        var runtime = new WorkflowRuntime(store, new WorkflowLoader(registry), runner, new NullWorkflowScheduler());
        return new BenchRuntime(store, runner, runtime, new WorkflowDefinitionService(store, runtime));
    }

    /// <summary>Saves and publishes a definition; returns its definition id.</summary>
    public static async Task<string> PublishAsync(BenchRuntime rt, string json)
    {
        var result = await rt.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(json), publish: true);
        if (!result.Succeeded)
            throw new InvalidOperationException("Publishing failed: " + string.Join("; ", result.ValidationErrors.Select(e => e.ToString())));
        return result.Definition!.DefinitionId;
    }

    public string ReadSample(string fileName)
    {
        var path = Path.Combine(SamplesDirectory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Sample not found: {path}", path);
        return File.ReadAllText(path);
    }

    // ---- definitions built in code ----

    private static JsonObject Literal(string text) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text },
    };

    private static JsonObject WriteLine(string id, string text) => new()
    {
        ["id"] = id, ["name"] = id, ["type"] = "Elsa.WriteLine", ["version"] = 1, ["text"] = Literal(text),
    };

    private static JsonObject Connection(string from, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };

    private static string Flowchart(string definitionId, string name, JsonArray activities, JsonArray connections) => new JsonObject
    {
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "flow1",
            ["activities"] = activities, ["connections"] = connections,
        },
    }.ToJsonString();

    /// <summary>An Elsa.Flowchart of <paramref name="count"/> Elsa.WriteLine activities chained Done → In.</summary>
    public static string WriteLineChain(int count, string definitionId = "bench-writeline-20")
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 1; i <= count; i++)
        {
            activities.Add(WriteLine($"w{i:00}", $"Line {i}"));
            if (i > 1) connections.Add(Connection($"w{i - 1:00}", $"w{i:00}"));
        }
        return Flowchart(definitionId, $"{count} WriteLines", activities, connections);
    }

    /// <summary>WriteLine → Elsa.Event("bench-go") → WriteLine: a start suspends on the event, a resume finishes it.</summary>
    public static string EventWait(string definitionId, string greeting = "Started")
    {
        var eventActivity = new JsonObject
        {
            ["id"] = "wait", ["name"] = "Event1", ["type"] = "Elsa.Event", ["version"] = 1, ["eventName"] = Literal("bench-go"),
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false },
        };
        var activities = new JsonArray { WriteLine("before", greeting), eventActivity, WriteLine("after", "Resumed") };
        var connections = new JsonArray { Connection("before", "wait"), Connection("wait", "after") };
        return Flowchart(definitionId, "Event wait", activities, connections);
    }

    // ---- environment ----

    public static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "GreenTierWorkflows.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("GreenTierWorkflows.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The mount point and file-system type holding <paramref name="path"/> (Linux /proc/self/mountinfo).</summary>
    public static (string MountPoint, string FsType, string Device) MountOf(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var best = ("?", "?", "?");
            var bestLength = -1;
            foreach (var line in File.ReadLines("/proc/self/mountinfo"))
            {
                var parts = line.Split(' ');
                var dash = Array.IndexOf(parts, "-");
                if (parts.Length < 5 || dash < 0 || dash + 2 >= parts.Length) continue;
                var mount = parts[4].Replace("\\040", " ");
                var inside = full == mount || full.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);
                if (inside && mount.Length > bestLength)
                {
                    bestLength = mount.Length;
                    best = (mount, parts[dash + 1], parts[dash + 2]);
                }
            }
            return best;
        }
        catch (IOException)
        {
            return ("?", "?", "?");
        }
        catch (UnauthorizedAccessException)
        {
            return ("?", "?", "?");
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leave it; it is under the temp directory.
        }
    }
}
