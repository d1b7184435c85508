namespace GreenTierWorkflows.Web.Security;

/// <summary>
/// Settings of the cross-site request guard (<see cref="CrossSiteRequestGuard"/>), section <c>Security:CrossSite</c>.
/// </summary>
public sealed class CrossSiteRequestOptions
{
    public const string Section = "Security:CrossSite";

    /// <summary>
    /// Origins besides the app's own (<c>scheme://host[:port]</c>) whose pages may send state changes with the sign-in
    /// cookie, e.g. the public address when a reverse proxy changes the Host header. Empty by default.
    /// </summary>
    public List<string> TrustedOrigins { get; set; } = [];
}
