using System.Reflection;

namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>Paths in the repository the tests run from, and the workflow files in workflows/ (read at test time).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string WorkflowsDirectory => Path.Combine(Root, "workflows");

    public static string StudioPackage => Path.Combine(Root, "node_modules", "@elsa-workflows", "elsa-studio-wasm");

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(Root, "artifacts", "browser");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>The configuration this test assembly was built in (Debug/Release); the web host is looked up in the same one first.</summary>
    public static string Configuration =>
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// The web host to start: <c>GTW_WEB_DLL</c> if set (e.g. a Release or publish output), else
    /// src/GreenTierWorkflows.Web/bin/{this configuration}/net10.0/GreenTierWorkflows.Web.dll, else the newest build there.
    /// </summary>
    public static string WebDll()
    {
        if (Environment.GetEnvironmentVariable("GTW_WEB_DLL") is { Length: > 0 } overridden)
            return File.Exists(overridden) ? Path.GetFullPath(overridden) : throw new FileNotFoundException($"GTW_WEB_DLL={overridden} does not exist.");
        var bin = Path.Combine(Root, "src", "GreenTierWorkflows.Web", "bin");
        var preferred = Path.Combine(bin, Configuration, "net10.0", "GreenTierWorkflows.Web.dll");
        if (File.Exists(preferred)) return preferred;
        var any = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "GreenTierWorkflows.Web.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException($"The web host is not built: {preferred} is missing (dotnet build GreenTierWorkflows.sln).");
    }

    /// <summary>Every workflows/*.json: definitionId, name, and the number of activities directly in root.activities.</summary>
    public static IReadOnlyList<WorkflowFile> Workflows() =>
        Directory.GetFiles(WorkflowsDirectory, "*.json").Order(StringComparer.Ordinal).Select(WorkflowFile.Read).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GreenTierWorkflows.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"GreenTierWorkflows.sln not found above {AppContext.BaseDirectory}.");
    }
}
