using System.Net.Http.Headers;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel (HTTP on 127.0.0.1), demo accounts, a fresh SQLite file, the repository's workflows/ imported,
/// and a FakeTimeProvider (so 公示 timers are driven without sleeping). Quota for 2029 is 1 (for the quota test).
/// </summary>
public class NominationFixture : IAsyncLifetime
{
    public const string Password = DemoApp.Password;
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero); // 2026-06-15 10:00 CST, a Monday
    private readonly string _dataDirectory;
    private readonly Dictionary<string, HttpClient> _clients = new();
    private int _enterpriseSerial;

    public NominationFixture() : this(Path.Combine(Path.GetTempPath(), "gtw-nominations-" + Guid.NewGuid().ToString("N"))) { }

    /// <summary>The app on the data directory given (a restart test starts it again on the same files).</summary>
    protected NominationFixture(string dataDirectory) => _dataDirectory = dataDirectory;

    public FakeTimeProvider Clock { get; } = new(Now);
    public string DataDirectory => _dataDirectory;
    /// <summary>Whether disposing removes the data directory (a restart test keeps it for the next start).</summary>
    protected virtual bool DeleteDataOnDispose => true;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string DatabasePath => Path.Combine(_dataDirectory, "greentier.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            DemoApp.Configure(b, _dataDirectory);
            b.UseSetting("Nominations:ProvincialQuota:2029", "1");
            b.UseSetting("Nominations:MaterialsDirectory", Path.Combine(_dataDirectory, "materials"));
            b.UseSetting("Nominations:MaxMaterialBytes", "200000");
            b.UseSetting("Notices:PollSeconds", "0");
            b.UseSetting("Nominations:DeadlineCheckSeconds", "0");
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
            ConfigureDatabase(b);
        });
        BaseAddress = DemoApp.StartOnLoopback(Factory);
        foreach (var year in new[] { 2026, 2027, 2029 })
            foreach (var type in Enum.GetValues<NominationType>())
                foreach (var tier in Enum.GetValues<Tier>())
                    await WithDbAsync(db => db.DeclarationWindows.RemoveRange(db.DeclarationWindows.Where(w => w.Year == year && w.Type == type && w.Tier == tier)));
        foreach (var year in new[] { 2026, 2027, 2029 })
            foreach (var type in Enum.GetValues<NominationType>())
                foreach (var tier in Enum.GetValues<Tier>())
                    await WithDbAsync(db => db.DeclarationWindows.Add(new DeclarationWindow
                    {
                        Id = $"w-{year}-{type}-{tier}", Year = year, Type = type, Tier = tier, OpensAt = Now.AddDays(-5),
                        ClosesAt = Now.AddDays(120), DistrictDeadline = Now.AddDays(110), UpdatedAt = Now,
                    }));
    }

    /// <summary>Moves the fake clock; bearer tokens expire with it, so clients log in again afterwards.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        lock (_clients)
        {
            Clock.Advance(by);
            foreach (var c in _clients.Values) c.Dispose();
            _clients.Clear();
        }
    }

    public async Task<HttpClient> ClientAsync(string user)
    {
        if (_clients.TryGetValue(user, out var existing)) return existing;
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        var token = await DemoApp.BearerTokenAsync(client, user);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _clients[user] = client;
    }

    public async Task WithDbAsync(Action<GreenTierDbContext> change)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        change(db);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<GreenTierDbContext, Task<T>> query)
    {
        using var scope = Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<GreenTierDbContext>());
    }

    /// <summary>A manufacturing enterprise with a valid credit code, enrolled in its district's pool for the year.</summary>
    public async Task<string> EnrolEnterpriseAsync(string district, string name, int year = 2026, NominationType type = NominationType.GreenFactory)
    {
        var serial = Interlocked.Increment(ref _enterpriseSerial);
        var body = $"91{district}MA{serial:D7}";
        var code = body + CheckCharacter(body);
        var id = Guid.CreateVersion7().ToString("N");
        await WithDbAsync(db =>
        {
            db.Enterprises.Add(new Enterprise { Id = id, CreditCode = code, Name = name, DistrictCode = district, IndustryCode = "C1530", Ownership = Ownership.民营, CreatedAt = Now });
            db.PoolMemberships.Add(new PoolMembership { Id = Guid.CreateVersion7().ToString("N"), DistrictCode = district, Year = year, EnterpriseId = id, MemberName = name, TargetType = type, EnrolledAt = Now, EnrolledBy = "test" });
        });
        return id;
    }

    public static string CheckCharacter(string first17) => CreditCode.CheckCharacter(first17).ToString();

    /// <summary>The database settings of a variant (default: the SQLite file in the data directory).</summary>
    protected virtual void ConfigureDatabase(IWebHostBuilder builder) { }

    public virtual async Task DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!DeleteDataOnDispose) return;
        try { Directory.Delete(_dataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
