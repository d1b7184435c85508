namespace GreenTierWorkflows.Runtime.Tests.TestSupport;

/// <summary>Locates the repository, its own conformance fixtures and the optional shared Elsa samples next to it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>The repository's own Elsa 3 conformance fixtures and their expectations (always present).</summary>
    public static string ConformanceFixtures => Path.Combine(Root, "tests", "GreenTierWorkflows.Runtime.Tests", "Compat", "Fixtures");

    /// <summary>One of the repository's own conformance fixture files.</summary>
    public static string Fixture(string name) => Path.Combine(ConformanceFixtures, name);

    /// <summary>
    /// The optional extra Elsa samples in ../shared/elsa-samples beside the clone (as CI lays it out), or null when a
    /// plain clone has no such folder: tests that use them must then report them absent, not fail.
    /// </summary>
    public static string? SharedElsaSamples
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "elsa-samples"));
            return File.Exists(Path.Combine(path, "expectations.json")) ? path : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GreenTierWorkflows.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("GreenTierWorkflows.sln not found above " + AppContext.BaseDirectory);
    }
}
