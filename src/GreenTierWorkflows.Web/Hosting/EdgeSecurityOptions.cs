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

/// <summary>Cookies (section <c>Security</c>).</summary>
public sealed class CookieSecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// <c>true</c>: the sign-in and antiforgery cookies are always marked Secure (set it when every client comes over
    /// HTTPS). Default <c>false</c>: Secure whenever the request is HTTPS, directly or as a trusted proxy reports it.
    /// </summary>
    public bool HttpsOnlyCookies { get; set; }
}

/// <summary>
/// Encryption of the Data Protection key ring at rest (section <c>DataProtection</c>). The keys that protect sign-in
/// cookies and bearer tokens live in the database (table DataProtectionKeys); with a certificate configured each new key
/// is stored encrypted to it, and every node needs the same certificate (with its private key) to read them.
/// </summary>
public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";

    public CertificateFile Certificate { get; set; } = new();

    /// <summary>A PKCS#12 (.pfx/.p12) file with the private key.</summary>
    public sealed class CertificateFile
    {
        /// <summary>Path of the .pfx file; empty: keys are stored unencrypted (a warning is logged outside Development).</summary>
        public string? Path { get; set; }

        /// <summary>The .pfx password (from an environment variable or a secret store, not a file in the repository).</summary>
        public string? Password { get; set; }
    }
}
