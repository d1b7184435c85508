using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>Which proxies may set the scheme and client address (ReverseProxy:KnownProxies / KnownNetworks).</summary>
public sealed class ReverseProxyOptionsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-proxyopts-" + Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program> Factory(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Data:Directory", _data);
            b.UseSetting("Scheduling:Provider", "InProcess");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    [Fact]
    public void ConfiguredProxies_ReplaceTheLoopbackDefault()
    {
        using var factory = Factory(("ReverseProxy:KnownProxies:0", "10.20.0.5"), ("ReverseProxy:KnownNetworks:0", "10.30.0.0/16"));
        var options = factory.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.Parse("10.20.0.5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.30.0.0/16")], options.KnownIPNetworks);
        Assert.True(options.ForwardedHeaders.HasFlag(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto));
    }

    [Fact]
    public void MalformedProxyAddress_StopsStartUp()
    {
        using var factory = Factory(("ReverseProxy:KnownProxies:0", "proxy.example"));
        var error = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        Assert.Contains("ReverseProxy:KnownProxies", error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
