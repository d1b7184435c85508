namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Where the app keeps its data: by default a SQLite file and the material files under <c>data/</c>; in scale-out mode
/// (<c>Provider=PostgreSql</c>) the database named by <c>ConnectionStrings:GreenTier</c>, shared by every app node.
/// </summary>
public sealed class DataOptions
{
    public const string Section = "Data";
    public const string ConnectionStringName = "GreenTier";
    /// <summary><c>Sqlite</c> (default, one app node) or <c>PostgreSql</c> (several app nodes on one database).</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Directory for the SQLite database and files; relative paths are under the working directory.</summary>
    public string Directory { get; set; } = "data";
    /// <summary>Workflow definitions imported at start-up (default: <c>workflows/</c> of the repository or working directory).</summary>
    public string? WorkflowsDirectory { get; set; }
    /// <summary>The State Council's holiday arrangements, one <c>YYYY.json</c> a year (default: <c>calendars/</c> found from the working directory upwards).</summary>
    public string CalendarsDirectory { get; set; } = "calendars";
    /// <summary>SQLite file name inside <see cref="Directory"/>.</summary>
    public string DatabaseFile { get; set; } = "greentier.db";

    public string DatabasePath => Path.GetFullPath(Path.Combine(Directory, DatabaseFile));
}
