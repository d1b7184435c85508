namespace GreenTierWorkflows.Runtime.Persistence;

/// <summary>Elsa's version selector: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a number.</summary>
public readonly record struct VersionOptions(VersionOptions.Kind Selector, int Version = 0)
{
    public enum Kind { Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions, Specific }

    public static readonly VersionOptions Latest = new(Kind.Latest);
    public static readonly VersionOptions Published = new(Kind.Published);
    public static readonly VersionOptions LatestOrPublished = new(Kind.LatestOrPublished);
    public static readonly VersionOptions LatestAndPublished = new(Kind.LatestAndPublished);
    public static readonly VersionOptions Draft = new(Kind.Draft);
    public static readonly VersionOptions AllVersions = new(Kind.AllVersions);
    public static VersionOptions SpecificVersion(int version) => new(Kind.Specific, version);

    /// <summary>Parses Studio's query value; empty or unknown text gives <paramref name="fallback"/>.</summary>
    public static VersionOptions Parse(string? text, VersionOptions? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback ?? Latest;
        if (int.TryParse(text, out var n)) return SpecificVersion(n);
        return Enum.TryParse<Kind>(text, true, out var k) && k != Kind.Specific ? new VersionOptions(k) : fallback ?? Latest;
    }

    /// <summary>Does a version with these flags match?</summary>
    public bool Matches(int version, bool isLatest, bool isPublished) => Selector switch
    {
        Kind.Latest => isLatest,
        Kind.Published => isPublished,
        Kind.LatestOrPublished => isLatest || isPublished,
        Kind.LatestAndPublished => isLatest && isPublished,
        Kind.Draft => isLatest && !isPublished,
        Kind.AllVersions => true,
        _ => version == Version,
    };

    public override string ToString() => Selector == Kind.Specific ? Version.ToString() : Selector.ToString();
}
