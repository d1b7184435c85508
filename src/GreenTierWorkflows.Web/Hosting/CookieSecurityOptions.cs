using System.Net;

namespace GreenTierWorkflows.Web.Hosting;

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
