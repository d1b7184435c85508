using System.Net;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// The reverse proxy in front of the app (section <c>ReverseProxy</c>): only requests from these addresses may say,
/// with X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host, which client and scheme they carry. Without any entry
/// only a proxy on the same machine (loopback) is trusted.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.20.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.20.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to unwind (default 1).</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Entries that are not an address or a CIDR network, for the start-up check.</summary>
    public IEnumerable<string> Invalid() =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Concat(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)));
}
