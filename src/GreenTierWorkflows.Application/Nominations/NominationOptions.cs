using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// Nomination settings (section <c>Nominations</c>), validated on start by <see cref="NominationOptionsValidator"/>. Where
/// material bytes are kept is read from the same section by <see cref="Infrastructure.Domain.MaterialStorageOptions"/>.
/// </summary>
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
    /// <summary>
    /// Seconds between two catch-up drains of the workflow effect outbox (<see cref="Effects.EffectRetryService"/>), which apply what
    /// failed to be applied right after its step committed.
    /// </summary>
    public int EffectRetrySeconds { get; set; } = 30;

    public int QuotaFor(int year) => ProvincialQuota.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var q) ? q : DefaultProvincialQuota;
}
