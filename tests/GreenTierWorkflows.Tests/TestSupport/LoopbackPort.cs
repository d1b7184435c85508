using System.Net;
using System.Net.Sockets;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for the servers the tests start (maildev, app processes) or expect to find closed.</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
