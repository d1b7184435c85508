using System.Net;
using System.Net.Sockets;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel (127.0.0.1) in demo mode with small sign-in limits set by configuration, a fake clock (the
/// lockout's), a recording audit log and a counting password hasher. Clients connect from chosen loopback source
/// addresses (127.0.0.x), so one test plays an attacker's address and the owner's.
/// </summary>
public sealed class SignInLimitFixture : IAsyncLifetime
{
    public const string Password = DemoApp.Password;
    public const int PermitsPerAddress = 10;
    public const int PermitsPerAccount = 12;
    public const int MaxFailedAttempts = 3;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(10);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gtw-signin-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public RecordingAuditLog Audit { get; } = new();
    public CountingPasswordHasher Hasher { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            DemoApp.Configure(b, _dataDirectory);
            b.UseSetting("Notices:PollSeconds", "0");
            b.UseSetting("Nominations:DeadlineCheckSeconds", "0");
            b.UseSetting("Security:SignIn:PermitsPerAddress", PermitsPerAddress.ToString());
            b.UseSetting("Security:SignIn:PermitsPerAccount", PermitsPerAccount.ToString());
            b.UseSetting("Security:SignIn:Window", "01:00:00");
            b.UseSetting("Security:SignIn:MaxFailedAttempts", MaxFailedAttempts.ToString());
            b.UseSetting("Security:SignIn:FailureWindow", "01:00:00");
            b.UseSetting("Security:SignIn:LockoutDuration", LockoutDuration.ToString());
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddSingleton<IAuditLog>(Audit);
                s.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
            });
        });
        BaseAddress = DemoApp.StartOnLoopback(Factory);
        return Task.CompletedTask;
    }

    /// <summary>A client whose connections come from <paramref name="sourceAddress"/> (any 127.0.0.x is this machine).</summary>
    public HttpClient ClientFrom(string sourceAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
