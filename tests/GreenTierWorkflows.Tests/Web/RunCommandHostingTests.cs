using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// The built app started as <c>scripts/run.sh</c> starts it: its own process, the repository root as working directory
/// and content root (where no appsettings.json lies), the Production environment, on 127.0.0.1.
/// </summary>
public sealed class ProductionNodeFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gtw-runcmd-" + Guid.NewGuid().ToString("N"));
    public AppNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        // Only what run.sh passes besides the demo switch; everything else must come from the app's appsettings.json.
        Node = await AppNode.StartAsync("runcmd", new Dictionary<string, string> { ["Data:Directory"] = DataDirectory });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

public sealed class RunCommandHostingTests(ProductionNodeFixture fx) : IClassFixture<ProductionNodeFixture>
{
    [Fact]
    public async Task AppSettings_TakeEffect_WhenStartedFromTheRepositoryRoot()
    {
        // DeclarationWindows:Defaults exists only in src/GreenTierWorkflows.Web/appsettings.json: start-up stores the
        // year's nine windows from it (05-10 opens the city round).
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        await using var db = new SqliteConnection($"Data Source={Path.Combine(fx.DataDirectory, "greentier.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT OpensAt FROM DeclarationWindows WHERE Year = $year";
        command.Parameters.AddWithValue("$year", year);
        var opens = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) opens.Add(reader.GetString(0));

        Assert.True(opens.Count == 9, $"expected the 9 default windows of {year} from appsettings.json, found {opens.Count}. Node output:\n{fx.Node.Log}");
        // 05-10 00:00 China time, stored in UTC.
        Assert.Contains(opens, o => o.StartsWith($"{year}-05-09T16:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InformationLog_HasNoSqlCommandText_AfterRequests()
    {
        using var client = fx.Node.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/health")).EnsureSuccessStatusCode();
            using var login = await client.PostAsync("/elsa/api/identity/login",
                new StringContent($$"""{"username":"nobody{{i}}","password":"wrong-password"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, login.StatusCode); // a user lookup in the database
        }

        var log = fx.Node.Log;
        Assert.Contains("GreenTierWorkflows is ready ", log); // Information-level lines are written
        Assert.DoesNotContain("Executed DbCommand", log);
        Assert.DoesNotContain("SELECT ", log);
        Assert.DoesNotContain("INSERT INTO", log);
    }

    [Theory]
    [InlineData("/elsa/api/identity/login", "{\"username\": ")]
    [InlineData("/elsa/api/identity/login", "[1, 2")]
    public async Task MalformedJson_Answers400ProblemWithoutStackTrace_InProduction(string path, string body)
    {
        using var client = fx.Node.CreateClient();
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("请求无效", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }

    [Fact]
    public async Task WrongContentType_Answers415Problem_InProduction()
    {
        using var client = fx.Node.CreateClient();
        using var response = await client.PostAsync("/elsa/api/identity/login", new StringContent("username=a&password=b", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("不支持的内容类型", JsonNode.Parse(text)!["title"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Cookies_AreSecure_WhenATrustedProxyForwardsHttps()
    {
        using var client = fx.Node.CreateClient();
        using var plain = await client.GetAsync("/account/login");
        var plainCookie = Assert.Single(plain.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", plainCookie, StringComparison.OrdinalIgnoreCase);

        // The proxy on this machine (loopback is trusted unless ReverseProxy:KnownProxies says otherwise) terminated TLS.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var forwarded = await client.SendAsync(request);
        var cookie = Assert.Single(forwarded.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
