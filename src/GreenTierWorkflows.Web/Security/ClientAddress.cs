namespace GreenTierWorkflows.Web.Security;

/// <summary>The address a request came from, as the audit and the sign-in limits name it.</summary>
public static class ClientAddress
{
    /// <summary>The remote IP address (IPv4-mapped IPv6 addresses as IPv4), or <c>unknown</c> (in-memory test servers).</summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
