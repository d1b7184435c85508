namespace GreenTierWorkflows.Runtime.Tests.TestSupport;

/// <summary>Locates the repository and the shared Elsa samples next to it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>../shared/elsa-samples beside the clone (as CI lays it out).</summary>
    public static string ElsaSamples
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "elsa-samples"));
            if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"Elsa samples not found at {path}; the shared/ folder must sit beside the clone.");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GreenTierWorkflows.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("GreenTierWorkflows.sln not found above " + AppContext.BaseDirectory);
    }
}
