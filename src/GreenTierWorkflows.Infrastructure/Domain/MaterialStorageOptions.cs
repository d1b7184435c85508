using GreenTierWorkflows.Infrastructure.Persistence;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// Where the bytes of uploaded materials are kept and when leftovers are swept: the storage keys of section
/// <c>Nominations</c> (the nomination rules' own keys are read by the application's <c>NominationOptions</c>), validated
/// on start by <see cref="MaterialStorageOptionsValidator"/>.
/// </summary>
public sealed class MaterialStorageOptions
{
    public const string Section = "Nominations";
    /// <summary>Where material bytes are kept: Auto (default: files on SQLite, the database on PostgreSQL), Files or Database.</summary>
    public MaterialStorage MaterialStorage { get; set; } = MaterialStorage.Auto;
    /// <summary>
    /// Directory of the material files (<c>{sha256}.pdf</c>) with <see cref="MaterialStorage.Files"/>; with
    /// <see cref="MaterialStorage.Database"/>, files found here are imported at start-up (<see cref="MaterialFileImporter"/>).
    /// The web host defaults it to <c>materials</c> beside the database.
    /// </summary>
    public string MaterialsDirectory { get; set; } = "data/materials";
    /// <summary>
    /// Minutes a decision's pending files, and content files no material refers to, are left alone before the material
    /// sweeper removes them (an upload or decision still in flight, on this node or another, is never touched).
    /// </summary>
    public int MaterialSweepGraceMinutes { get; set; } = 60;
    /// <summary>Minutes between two runs of the material sweeper (it also runs at start-up); 0 turns the periodic run off.</summary>
    public int MaterialSweepIntervalMinutes { get; set; } = 60;

    /// <summary>The storage in effect: <see cref="MaterialStorage.Auto"/> resolved for the app's database.</summary>
    public MaterialStorage StorageFor(AppDatabase database) => MaterialStorage is MaterialStorage.Auto
        ? database.Provider == DatabaseProvider.PostgreSql ? MaterialStorage.Database : MaterialStorage.Files
        : MaterialStorage;
}
