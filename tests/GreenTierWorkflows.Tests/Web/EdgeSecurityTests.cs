using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// The built app as its own process in Production over HTTPS on 127.0.0.1 (Kestrel with a self-signed certificate made
/// here), in demo mode, with its Data Protection keys encrypted to a second certificate.
/// </summary>
public sealed class HttpsNodeFixture : IAsyncLifetime
{
    public const string CertificatePassword = "test-only-pfx";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtw-https-" + Guid.NewGuid().ToString("N"));

    public string DataDirectory => Path.Combine(_directory, "data");
    public AppNode Node { get; private set; } = null!;

    /// <summary>The settings of a demo node whose key ring is encrypted to a certificate in <paramref name="directory"/>.</summary>
    public static Dictionary<string, string> Settings(string directory)
    {
        var keyCertificate = Path.Combine(directory, "keys.pfx");
        if (!File.Exists(keyCertificate)) TestCertificate.WritePfx(keyCertificate, CertificatePassword, "CN=GreenTierWorkflows Data Protection").Dispose();
        return new()
        {
            ["Data:Directory"] = Path.Combine(directory, "data"),
            ["Demo:Enabled"] = "true",
            ["Demo:AllowInProduction"] = "true",
            ["Demo:Password"] = AppNode.Password,
            ["DataProtection:Certificate:Path"] = keyCertificate,
            ["DataProtection:Certificate:Password"] = CertificatePassword,
        };
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var settings = Settings(_directory);
        var tls = Path.Combine(_directory, "tls.pfx");
        TestCertificate.WritePfx(tls, CertificatePassword).Dispose();
        settings["Kestrel:Certificates:Default:Path"] = tls;
        settings["Kestrel:Certificates:Default:Password"] = CertificatePassword;
        Node = await AppNode.StartAsync("https", settings, scheme: "https");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

public sealed partial class EdgeSecurityTests(HttpsNodeFixture fx) : IClassFixture<HttpsNodeFixture>
{
    /// <summary>Signs in through the login form (antiforgery token and all) and returns the answer to the POST.</summary>
    internal static async Task<HttpResponseMessage> SignInWithFormAsync(HttpClient client, string user) =>
        (await LoginForm.PostAsync(client, user, AppNode.Password)).Response;

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var headers = response.Headers;
        string Header(string name) => headers.TryGetValues(name, out var v) || response.Content.Headers.TryGetValues(name, out v)
            ? string.Join(",", v)
            : throw new Xunit.Sdk.XunitException($"{what}: no {name} header");
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("same-origin", Header("Referrer-Policy"));
        var csp = Header("Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
    }

    [Fact]
    public async Task SecurityHeaders_ArePresent_OnAPageAnApiAnswerAndStudio()
    {
        var cookies = new CookieContainer();
        using var client = fx.Node.CreateClient(cookies);
        using (var page = await client.GetAsync("/account/login")) AssertSecurityHeaders(page, "login page");
        using (var anonymousApi = await client.GetAsync("/api/units")) AssertSecurityHeaders(anonymousApi, "401 API answer");
        using (var health = await client.GetAsync("/health")) AssertSecurityHeaders(health, "/health");

        using (var signIn = await SignInWithFormAsync(client, "designer")) Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using (var api = await client.GetAsync("/api/units"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            AssertSecurityHeaders(api, "API answer");
        }
        using (var elsa = await client.GetAsync("/elsa/api/workflow-definitions")) AssertSecurityHeaders(elsa, "Elsa API answer");
        using (var officials = await client.GetAsync("/tasks")) AssertSecurityHeaders(officials, "officials' page");

        using var studio = await client.GetAsync("/studio/");
        Assert.Equal(HttpStatusCode.OK, studio.StatusCode);
        AssertSecurityHeaders(studio, "/studio/");
        var csp = string.Join(",", studio.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("'wasm-unsafe-eval'", csp);
        Assert.DoesNotContain("'unsafe-eval'", csp);
        // Studio's one inline script runs under this response's nonce, and no other inline script is allowed.
        var nonce = NonceSource().Match(csp).Groups["nonce"].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script nonce=\"{nonce}\">", await studio.Content.ReadAsStringAsync());
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));

        using var framework = await client.GetAsync("/studio/_framework/blazor.webassembly.js");
        AssertSecurityHeaders(framework, "Studio static file");
    }

    [Fact]
    public async Task AuthAndAntiforgeryCookies_AreSecure_OverHttps()
    {
        var cookies = new CookieContainer();
        using var client = fx.Node.CreateClient(cookies);
        using var page = await client.GetAsync("/account/login");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var signIn = await SignInWithFormAsync(client, "city");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("greentier.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);

        using var tasks = await client.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
    }

    [Fact]
    public async Task DataProtectionKeys_AreStoredEncryptedToTheCertificate()
    {
        using var client = fx.Node.CreateClient();
        using (var login = await client.PostAsync("/elsa/api/identity/login", JsonContent("designer")))
            Assert.True(JsonNode.Parse(await login.Content.ReadAsStringAsync())!["isAuthenticated"]!.GetValue<bool>());

        var keys = await DataProtectionKeyEncryptionTests.StoredKeysAsync(fx.DataDirectory);
        Assert.NotEmpty(keys);
        foreach (var xml in keys) DataProtectionKeyEncryptionTests.AssertEncrypted(xml);
    }

    internal static StringContent JsonContent(string user) =>
        new($$"""{"username":"{{user}}","password":"{{AppNode.Password}}"}""", System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex("'nonce-(?<nonce>[^']+)'")]
    private static partial Regex NonceSource();
}

/// <summary>
/// With <c>DataProtection:Certificate</c> configured, the key ring in the database is encrypted, and a node started
/// later on the same database (with the same certificate) reads it: a token issued before the restart still works.
/// </summary>
public sealed class DataProtectionKeyEncryptionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtw-dpkeys-" + Guid.NewGuid().ToString("N"));

    public DataProtectionKeyEncryptionTests() => Directory.CreateDirectory(_directory);

    internal static async Task<List<string>> StoredKeysAsync(string dataDirectory)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "greentier.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    internal static void AssertEncrypted(string xml)
    {
        Assert.Contains("<encryptedSecret", xml);
        Assert.Contains("EncryptedXmlDecryptor", xml);
        Assert.DoesNotContain("<masterKey", xml); // the plain form: <masterKey ...><value>base64 key</value></masterKey>
    }

    [Fact]
    public async Task SignIn_WorksAcrossARestart_WithTheKeyRingEncrypted()
    {
        var settings = HttpsNodeFixture.Settings(_directory);
        string token;
        await using (var first = await AppNode.StartAsync("dp-first", settings))
        {
            using var client = first.CreateClient();
            using var login = await client.PostAsync("/elsa/api/identity/login", EdgeSecurityTests.JsonContent("admin"));
            var body = JsonNode.Parse(await login.Content.ReadAsStringAsync())!;
            Assert.True(body["isAuthenticated"]!.GetValue<bool>(), body.ToJsonString());
            token = body["accessToken"]!.GetValue<string>();
        }

        var keys = await StoredKeysAsync(Path.Combine(_directory, "data"));
        Assert.NotEmpty(keys);
        foreach (var xml in keys) AssertEncrypted(xml);

        await using var second = await AppNode.StartAsync("dp-second", settings);
        using var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var units = await again.GetAsync("/api/units");
        Assert.True(units.StatusCode == HttpStatusCode.OK, $"{units.StatusCode}: the token issued before the restart was refused. Node output:\n{second.Log}");
        Assert.Equal(keys.Count, (await StoredKeysAsync(Path.Combine(_directory, "data"))).Count); // read, not replaced
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
