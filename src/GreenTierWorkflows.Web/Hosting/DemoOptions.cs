namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Demo mode: seeds one account per role with a published password (never on unless configured). Outside demo mode those
/// accounts are disabled at start-up; in the Production environment demo mode starts only with <see cref="AllowInProduction"/>.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    /// <summary>Demo mode in the Production environment too (a demonstration server); refused there otherwise.</summary>
    public bool AllowInProduction { get; set; }
    public string Password { get; set; } = "Demo#2026";
}
