using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>Self-signed certificates made by a test (RSA 2048, for 127.0.0.1 and localhost), written as password-protected .pfx files.</summary>
public static class TestCertificate
{
    /// <summary>Writes a new self-signed certificate with its private key to <paramref name="path"/>.</summary>
    public static X509Certificate2 WritePfx(string path, string password, string subject = "CN=127.0.0.1")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return certificate;
    }
}
