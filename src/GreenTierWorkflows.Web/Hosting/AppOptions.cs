namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Where the app keeps its files: the SQLite database and stored materials (default <c>data/</c>).</summary>
public sealed class DataOptions
{
    public const string Section = "Data";
    /// <summary>Directory for the SQLite database and files; relative paths are under the working directory.</summary>
    public string Directory { get; set; } = "data";
    /// <summary>Workflow definitions imported at start-up (default: <c>workflows/</c> of the repository or working directory).</summary>
    public string? WorkflowsDirectory { get; set; }
    /// <summary>SQLite file name inside <see cref="Directory"/>.</summary>
    public string DatabaseFile { get; set; } = "greentier.db";

    public string DatabasePath => Path.GetFullPath(Path.Combine(Directory, DatabaseFile));
}

/// <summary>Demo mode: seeds one account per role (never on unless configured).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    public string Password { get; set; } = "Demo#2026";
}

/// <summary>Where the Elsa Studio npm package was installed (node_modules/@elsa-workflows/elsa-studio-wasm).</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";
    public string? PackagePath { get; set; }
}
