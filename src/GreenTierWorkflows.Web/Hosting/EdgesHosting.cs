using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// What the app shows at its edges: problem details without stack traces, security headers, Secure cookies behind
/// HTTPS (also through a trusted reverse proxy) and the Data Protection key ring encrypted with a certificate.
/// </summary>
public static class EdgesHosting
{
    /// <summary>Registers the edge services and options (call after <c>AddGreenTierAuth</c>).</summary>
    public static WebApplicationBuilder AddGreenTierEdges(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddGreenTierProblemDetails();

        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section)
            .Validate(o => !o.Invalid().Any(), "ReverseProxy:KnownProxies / KnownNetworks 含有无法识别的地址或网段。")
            .Validate(o => o.ForwardLimit >= 1, "ReverseProxy:ForwardLimit 至少为 1。")
            .ValidateOnStart();
        var proxy = builder.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = proxy.ForwardLimit;
            if (proxy.KnownProxies.Count + proxy.KnownNetworks.Count == 0) return; // the defaults: loopback only
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxy.KnownProxies) if (IPAddress.TryParse(p, out var address)) o.KnownProxies.Add(address);
            foreach (var n in proxy.KnownNetworks) if (System.Net.IPNetwork.TryParse(n, out var network)) o.KnownIPNetworks.Add(network);
        });

        services.AddOptions<CookieSecurityOptions>().BindConfiguration(CookieSecurityOptions.Section);
        var cookies = builder.Configuration.GetSection(CookieSecurityOptions.Section).Get<CookieSecurityOptions>() ?? new();
        var secure = cookies.HttpsOnlyCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = secure);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = secure);

        services.AddOptions<DataProtectionKeyOptions>().BindConfiguration(DataProtectionKeyOptions.Section);
        var keys = builder.Configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(keys.Certificate.Path))
            services.AddDataProtection().ProtectKeysWithCertificate(LoadCertificate(keys.Certificate));
        return builder;
    }

    /// <summary>Forwarded headers, security headers and problem answers: call first after <c>Build()</c>.</summary>
    public static WebApplication UseGreenTierEdges(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseGreenTierProblemDetails();
        var keys = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionKeyOptions>>().Value;
        if (string.IsNullOrWhiteSpace(keys.Certificate.Path) && !app.Environment.IsDevelopment())
            app.Logger.LogWarning("Data Protection 密钥未加密保存：请配置 DataProtection:Certificate:Path 与 DataProtection:Certificate:Password。");
        return app;
    }

    private static X509Certificate2 LoadCertificate(DataProtectionKeyOptions.CertificateFile file)
    {
        var path = Path.GetFullPath(file.Path!);
        if (!File.Exists(path)) throw new InvalidOperationException($"DataProtection:Certificate:Path 指向的证书文件不存在：{path}");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, file.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"无法读取 DataProtection 证书 {path}（密码是否正确？）：{e.Message}", e);
        }
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"DataProtection 证书 {path} 不含私钥，无法解密密钥。");
        return certificate;
    }
}
