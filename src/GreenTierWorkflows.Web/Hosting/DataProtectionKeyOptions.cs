using System.Net;

namespace GreenTierWorkflows.Web.Hosting;

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
