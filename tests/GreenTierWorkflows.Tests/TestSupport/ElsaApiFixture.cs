using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The real web app (WebApplicationFactory&lt;Program&gt;) in demo mode on a fresh SQLite file in a temp directory,
/// with the repository's workflows/ folder imported at start-up. Bearer clients for a designer and an administrator (the
/// roles the Elsa API is for) and a district official (refused on every route but sign-in).
/// </summary>
public class ElsaApiFixture : DemoAppFixture
{
    public const string Api = "/elsa/api";

    public ElsaApiFixture() : this(FixtureDatabase.Sqlite()) { }

    protected ElsaApiFixture(FixtureDatabase database) : base(NewDataDirectory("elsaapi"), database) { }

    public HttpClient Designer { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Official { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>One of the repository's own conformance fixtures (tests/GreenTierWorkflows.Runtime.Tests/Compat/Fixtures).</summary>
    public static string Sample(string name) => File.ReadAllText(GreenTierWorkflows.Runtime.Tests.TestSupport.RepoPaths.Fixture(name));

    /// <summary>Imports a conformance fixture under a fresh definition id (<paramref name="prefix"/>-…) and answers that id.</summary>
    public async Task<string> ImportSampleAsync(string sample, string prefix)
    {
        var file = JsonNode.Parse(Sample(sample))!.AsObject();
        var definitionId = prefix + "-" + ElsaApiTestData.NewId();
        file["definitionId"] = definitionId;
        file["id"] = ElsaApiTestData.NewId();
        var import = await Designer.PostAsync($"{Api}/workflow-definitions/import", Json(file));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        Assert.True(JsonNode.Parse(await import.Content.ReadAsStringAsync())!["isPublished"]!.GetValue<bool>());
        return definitionId;
    }

    protected override async Task OnStartedAsync()
    {
        Anonymous = NewClient();
        Designer = await BearerClientAsync("designer");
        Admin = await BearerClientAsync("admin");
        Official = await BearerClientAsync("shexian");
    }

    public HttpClient NewClient(bool handleCookies = false) =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });

    public Task<string> LoginAsync(string user) => DemoApp.BearerTokenAsync(Anonymous, user);

    public async Task<HttpClient> BearerClientAsync(string user)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(user));
        return client;
    }

    /// <summary>(definition versions, instances) in the database, for "nothing changed" checks.</summary>
    public async Task<(long Versions, long Instances, string Fingerprint)> SnapshotAsync()
    {
        var store = Service<IWorkflowStore>();
        var all = await store.FindDefinitionsAsync(new WorkflowDefinitionFilter { VersionOptions = VersionOptions.AllVersions });
        var instances = await store.ListInstancesAsync(new WorkflowInstanceFilter(), 0, 1);
        var fingerprint = string.Join("|", all.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id}:{r.Version}:{r.IsLatest}:{r.IsPublished}:{r.Json.Length}"));
        return (all.Count, instances.TotalCount, fingerprint);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
    public static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    protected override void DisposeClients()
    {
        Designer?.Dispose();
        Admin?.Dispose();
        Official?.Dispose();
        Anonymous?.Dispose();
    }
}

/// <summary><see cref="ElsaApiFixture"/> on a PostgreSQL database of its own (scale-out mode).</summary>
public sealed class PostgreSqlElsaApiFixture() : ElsaApiFixture(FixtureDatabase.PostgreSql());
