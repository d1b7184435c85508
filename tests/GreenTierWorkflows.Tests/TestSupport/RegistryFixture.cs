using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The real web app in demo mode (demo accounts and demo enterprises) on a fresh SQLite file, as
/// <see cref="ElsaApiFixture"/> does it; bearer clients for a few officials.
/// </summary>
public class RegistryFixture : DemoAppFixture
{
    public const string Tunxi = "341002";
    public const string Shexian = "341021";

    private static int _sequence;
    public RegistryFixture() : this(FixtureDatabase.Sqlite()) { }

    protected RegistryFixture(FixtureDatabase database) : base(NewDataDirectory("registry"), database) { }

    public HttpClient Anonymous { get; private set; } = null!;
    /// <summary>屯溪区 official.</summary>
    public HttpClient TunxiOfficial { get; private set; } = null!;
    /// <summary>歙县 official.</summary>
    public HttpClient ShexianOfficial { get; private set; } = null!;
    public HttpClient City { get; private set; } = null!;
    public HttpClient Verifier { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The pool year of the demo data (Beijing time).</summary>
    public static int CurrentYear => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    protected override async Task OnStartedAsync()
    {
        Anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        TunxiOfficial = await BearerClientAsync("tunxi");
        ShexianOfficial = await BearerClientAsync("shexian");
        City = await BearerClientAsync("city");
        Verifier = await BearerClientAsync("verifier");
        Admin = await BearerClientAsync("admin");
    }

    public async Task<HttpClient> BearerClientAsync(string user)
    {
        var token = await DemoApp.BearerTokenAsync(Anonymous, user);
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A fresh valid credit code of the district (organisation code TQnnnnnn, never used by the demo data).</summary>
    public static string NewCreditCode(string district = Shexian)
    {
        var organisation = $"TQ{Interlocked.Increment(ref _sequence):D6}";
        var first17 = "91" + district + organisation + CreditCode.OrganisationCheckCharacter(organisation);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>A complete enterprise body.</summary>
    public static JsonObject EnterpriseBody(string creditCode, string name, string district, string industry = "C2414") => new()
    {
        ["creditCode"] = creditCode,
        ["name"] = name,
        ["districtCode"] = district,
        ["industryCode"] = industry,
        ["ownership"] = "民营",
        ["address"] = "安徽省黄山市",
        ["postalCode"] = "245200",
        ["establishedOn"] = "2012-05-18",
        ["registeredCapital"] = 1200,
        ["contactName"] = "程工",
        ["contactPhone"] = "13905591234",
        ["contactEmail"] = "contact@example.cn",
        ["annualEnergyTce"] = 2300,
    };

    /// <summary>Creates an enterprise as the given official and returns its JSON.</summary>
    public static async Task<JsonObject> CreateEnterpriseAsync(HttpClient client, string name, string district, string industry = "C2414")
    {
        var response = await client.PostAsJsonAsync("/api/enterprises", EnterpriseBody(NewCreditCode(district), name, district, industry));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).AsObject();
    }

    public static async Task<JsonObject> EnrolAsync(HttpClient client, string enterpriseId, string targetType = "GreenFactory")
    {
        var response = await client.PostAsJsonAsync("/api/pools", new { year = CurrentYear, enterpriseId, targetType, guidanceNotes = "先行自评" });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).AsObject();
    }

    /// <summary>Every enterprise, park and pool row as text, for "a rejected request changed nothing" checks.</summary>
    public async Task<string> SnapshotAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var enterprises = await db.Enterprises.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => $"{e.Id}|{e.CreditCode}|{e.Name}|{e.DistrictCode}|{e.IndustryCode}|{e.Ownership}|{e.Address}|{e.ContactPhone}").ToListAsync();
        var parks = await db.Parks.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}|{p.Name}|{p.DistrictCode}|{p.Level}").ToListAsync();
        var pools = await db.PoolMemberships.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => $"{m.Id}|{m.MemberName}|{m.Year}|{m.TargetType}|{m.GuidanceNotes}|{m.ExitedAt}|{m.ExitReason}").ToListAsync();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).Select(u => $"{u.Code}|{u.BureauName}").ToListAsync();
        return $"E{enterprises.Count}:{string.Join(";", enterprises)}\nP{parks.Count}:{string.Join(";", parks)}\nM{pools.Count}:{string.Join(";", pools)}\nU:{string.Join(";", units)}";
    }

    public async Task<int> EnterpriseCountAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().Enterprises.CountAsync();
    }

    protected override void DisposeClients()
    {
        foreach (var client in new[] { Anonymous, TunxiOfficial, ShexianOfficial, City, Verifier, Admin }) client?.Dispose();
    }
}

/// <summary><see cref="RegistryFixture"/> on a PostgreSQL database of its own (scale-out mode).</summary>
public sealed class PostgreSqlRegistryFixture() : RegistryFixture(FixtureDatabase.PostgreSql());
