using System.Net.Http.Headers;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel (HTTP on 127.0.0.1), demo accounts, a fresh SQLite file, the repository's workflows/ imported,
/// and a FakeTimeProvider (so 公示 timers are driven without sleeping). Quota for 2029 is 1 (for the quota test).
/// </summary>
public class NominationFixture : DemoAppFixture
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero); // 2026-06-15 10:00 CST, a Monday
    private readonly Dictionary<string, HttpClient> _clients = new();
    private int _enterpriseSerial;

    public NominationFixture() : this(FixtureDatabase.Sqlite()) { }

    protected NominationFixture(FixtureDatabase database) : base(NewDataDirectory("nominations"), database) { }

    /// <summary>The app on the data directory given (a restart test starts it again on the same files).</summary>
    protected NominationFixture(string dataDirectory) : base(dataDirectory, FixtureDatabase.Sqlite()) { }

    public FakeTimeProvider Clock { get; } = new(Now);
    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureHost(IWebHostBuilder b)
    {
        b.UseSetting("Nominations:ProvincialQuota:2029", "1");
        b.UseSetting("Nominations:MaterialsDirectory", Path.Combine(DataDirectory, "materials"));
        b.UseSetting("Nominations:MaxMaterialBytes", "200000");
        b.UseSetting("Notices:PollSeconds", "0");
        b.UseSetting("Nominations:DeadlineCheckSeconds", "0");
        b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected override async Task OnStartedAsync()
    {
        BaseAddress = DemoApp.StartOnLoopback(Factory);
        // Started again on the same files (a restart test): credit codes go on from the enterprises enrolled before.
        _enterpriseSerial = await QueryAsync(db => db.PoolMemberships.CountAsync(m => m.EnrolledBy == "test"));
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

    protected override void DisposeClients()
    {
        foreach (var c in _clients.Values) c.Dispose();
    }
}

/// <summary><see cref="NominationFixture"/> on a PostgreSQL database of its own (scale-out mode).</summary>
public sealed class PostgreSqlNominationFixture() : NominationFixture(FixtureDatabase.PostgreSql());
