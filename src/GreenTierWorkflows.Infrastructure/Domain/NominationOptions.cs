namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>Nomination settings (section <c>Nominations</c>).</summary>
public sealed class NominationOptions
{
    public const string Section = "Nominations";
    /// <summary>Public address of the app, used in notice links.</summary>
    public string AppUrl { get; set; } = "http://127.0.0.1:5080";
    /// <summary>How many nominations the city may recommend to the province per year (default for years not listed).</summary>
    public int DefaultProvincialQuota { get; set; } = 9;
    /// <summary>Per-year overrides, e.g. { "2025": 9 }.</summary>
    public Dictionary<string, int> ProvincialQuota { get; set; } = new() { ["2025"] = 9 };
    /// <summary>Largest accepted material file.</summary>
    public long MaxMaterialBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>Days after the due time before an overdue task is escalated to the supervisor.</summary>
    public int OverdueGraceDays { get; set; } = 3;
    /// <summary>Where material bytes are kept: Auto (default: files on SQLite, the database on PostgreSQL), Files or Database.</summary>
    public MaterialStorage MaterialStorage { get; set; } = MaterialStorage.Auto;
    /// <summary>
    /// Directory of the material files (<c>{sha256}.pdf</c>) with <see cref="MaterialStorage.Files"/>; with
    /// <see cref="MaterialStorage.Database"/>, files found here are imported at start-up (<see cref="MaterialFileImporter"/>).
    /// </summary>
    public string MaterialsDirectory { get; set; } = "data/materials";
    /// <summary>
    /// Minutes a decision's pending files, and content files no material refers to, are left alone before the material
    /// sweeper removes them (an upload or decision still in flight, on this node or another, is never touched).
    /// </summary>
    public int MaterialSweepGraceMinutes { get; set; } = 60;
    /// <summary>Minutes between two runs of the material sweeper (it also runs at start-up); 0 turns the periodic run off.</summary>
    public int MaterialSweepIntervalMinutes { get; set; } = 60;
    /// <summary>
    /// Seconds between two catch-up drains of the workflow effect outbox (<see cref="EffectRetryService"/>), which apply what
    /// failed to be applied right after its step committed.
    /// </summary>
    public int EffectRetrySeconds { get; set; } = 30;

    public int QuotaFor(int year) => ProvincialQuota.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var q) ? q : DefaultProvincialQuota;
}
