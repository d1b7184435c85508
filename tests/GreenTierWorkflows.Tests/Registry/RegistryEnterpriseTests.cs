using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Infrastructure.Identity;
using GreenTierWorkflows.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static GreenTierWorkflows.Tests.TestSupport.DemoAppFixture;
using static GreenTierWorkflows.Tests.TestSupport.RegistryFixture;

namespace GreenTierWorkflows.Tests.Registry;

public abstract class RegistryEnterpriseTests(RegistryFixture fx)
{
    [Fact]
    public async Task CreateEnterprise_Returns201WithNormalisedCode_WhenValid()
    {
        var code = NewCreditCode(Tunxi);
        var loose = " " + code[..6].ToLowerInvariant() + "-" + code[6..12] + " " + code[12..].ToLowerInvariant();
        var response = await fx.TunxiOfficial.PostAsJsonAsync("/api/enterprises", EnterpriseBody(loose, "黄山市屯溪测试茶厂", Tunxi, "c1530"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal(code, created.Str("creditCode"));
        Assert.Equal("C1530", created.Str("industryCode"));
        Assert.Equal("屯溪区", created.Str("districtName"));
        Assert.Equal("民营", created.Str("ownership"));
        Assert.True(created["isManufacturing"]!.GetValue<bool>());
        Assert.Equal($"/api/enterprises/{created.Str("id")}", response.Headers.Location?.OriginalString);

        var read = await fx.TunxiOfficial.GetObjectAsync($"/api/enterprises/{created.Str("id")}");
        Assert.Equal("黄山市屯溪测试茶厂", read.Str("name"));
    }

    [Fact]
    public async Task CreateEnterprise_KeepsIndicatorsAndCertificates_AndRefusesBadOnes()
    {
        var body = EnterpriseBody(NewCreditCode(Shexian), "歙县认证指标测试企业", Shexian);
        body["unitProductEnergy"] = 0.42;
        body["waterWithdrawal"] = 18000;
        body["solidWasteUtilisationPercent"] = 96.5;
        body["renewableEnergyPercent"] = 12;
        body["certifications"] = new JsonArray(
            new JsonObject { ["standard"] = "GB/T 19001", ["certificateNumber"] = "00123Q45678R0M", ["expiresOn"] = "2028-05-31" },
            new JsonObject { ["standard"] = "gb/t45001", ["expiresOn"] = "2027-12-31" });
        var created = await (await fx.ShexianOfficial.PostAsJsonAsync("/api/enterprises", body)).ReadJsonAsync();
        Assert.Equal(96.5, created["solidWasteUtilisationPercent"]!.GetValue<double>());
        Assert.Equal(["GB/T 19001", "GB/T 45001"], created["certifications"]!.AsArray().Select(c => c.Str("standard")));
        Assert.Equal("2028-05-31", created["certifications"]![0].Str("expiresOn"));

        var before = await fx.SnapshotAsync();
        var bad = EnterpriseBody(NewCreditCode(Shexian), "歙县错误指标企业", Shexian);
        bad["renewableEnergyPercent"] = 120;
        bad["certifications"] = new JsonArray(new JsonObject { ["standard"] = "ISO 9999" });
        var response = await fx.ShexianOfficial.PostAsJsonAsync("/api/enterprises", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!;
        Assert.Contains("0–100%", errors["renewableEnergyPercent"]![0]!.GetValue<string>());
        Assert.Contains("GB/T 19001", errors["certifications[0].standard"]![0]!.GetValue<string>());
        Assert.Contains("有效期", errors["certifications[0].expiresOn"]![0]!.GetValue<string>());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task CreateEnterprise_Returns400AndChangesNothing_WhenCreditCodeInvalid()
    {
        var before = await fx.SnapshotAsync();
        var count = await fx.EnterpriseCountAsync();

        var response = await fx.ShexianOfficial.PostAsJsonAsync("/api/enterprises", EnterpriseBody("91350100M000100Y4A", "歙县校验位错误企业", Shexian));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        var messages = problem["errors"]!["creditCode"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains("校验位", StringComparison.Ordinal));
        Assert.Equal(count, await fx.EnterpriseCountAsync());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task CreateEnterprise_Returns400WithEveryFieldError_WhenSeveralFieldsWrong()
    {
        var before = await fx.SnapshotAsync();
        var body = EnterpriseBody("123", "", "999999", "3670");
        body["ownership"] = "私营";
        body["postalCode"] = "2452";
        body["contactEmail"] = "not-an-email";

        var response = await fx.ShexianOfficial.PostAsJsonAsync("/api/enterprises", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        foreach (var field in new[] { "creditCode", "name", "districtCode", "industryCode", "ownership", "postalCode", "contactEmail" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        Assert.Contains("门类字母", errors["industryCode"]![0]!.GetValue<string>());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Theory]
    [InlineData("3670")]
    [InlineData("CC12")]
    [InlineData("C12345")]
    [InlineData("Z1234")]
    public async Task CreateEnterprise_Returns400UnderIndustryCode_WhenNotLetterAndUpToFourDigits(string industry)
    {
        var before = await fx.SnapshotAsync();
        var response = await fx.ShexianOfficial.PostAsJsonAsync("/api/enterprises", EnterpriseBody(NewCreditCode(Shexian), "歙县行业代码测试企业", Shexian, industry));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["industryCode"], errors.Select(e => e.Key));
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task CreateEnterprise_Returns409NamingExisting_WhenCreditCodeTaken()
    {
        var existing = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县重复登记测试墨厂", Shexian);
        var before = await fx.SnapshotAsync();
        var code = existing.Str("creditCode")!;

        var response = await fx.City.PostAsJsonAsync("/api/enterprises",
            EnterpriseBody(code.ToLowerInvariant().Insert(8, "-"), "另一家企业", Tunxi));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("该统一社会信用代码已登记为「歙县重复登记测试墨厂」（歙县）。", problem.Str("detail"));
        Assert.Equal(409, problem["status"]!.GetValue<int>());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task CreateEnterprise_Returns403AndChangesNothing_WhenDistrictOfficialCreatesInOtherDistrict()
    {
        var before = await fx.SnapshotAsync();
        var response = await fx.TunxiOfficial.PostAsJsonAsync("/api/enterprises", EnterpriseBody(NewCreditCode(Shexian), "越权登记的企业", Shexian));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("屯溪区", (await response.ReadJsonAsync()).Str("detail"));
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task CreateEnterprise_Returns403_WhenVerifier()
    {
        var before = await fx.SnapshotAsync();
        var response = await fx.Verifier.PostAsJsonAsync("/api/enterprises", EnterpriseBody(NewCreditCode(Shexian), "核查组登记的企业", Shexian));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Enterprises_Return401_WhenAnonymous()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Anonymous.GetAsync("/api/enterprises")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Anonymous.PostAsJsonAsync("/api/enterprises", EnterpriseBody(NewCreditCode(), "匿名", Shexian))).StatusCode);
    }

    [Fact]
    public async Task ListEnterprises_ShowsOwnDistrictOnly_WhenDistrictOfficial()
    {
        var shexian = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县范围测试砚台厂", Shexian);

        var list = await fx.TunxiOfficial.GetObjectAsync("/api/enterprises?pageSize=100");
        var items = list["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, e => Assert.Equal(Tunxi, e.Str("districtCode")));
        Assert.DoesNotContain(items, e => e.Str("id") == shexian.Str("id"));

        var asked = await fx.TunxiOfficial.GetObjectAsync($"/api/enterprises?district={Shexian}");
        Assert.Equal(0, asked["total"]!.GetValue<int>());
        Assert.Empty(asked["items"]!.AsArray());

        var searched = await fx.TunxiOfficial.GetObjectAsync($"/api/enterprises?search={Uri.EscapeDataString("歙县范围测试")}");
        Assert.Equal(0, searched["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetAndUpdateEnterprise_Return404AndChangeNothing_WhenOutOfDistrict()
    {
        var shexian = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县越权读取测试企业", Shexian);
        var id = shexian.Str("id");
        var before = await fx.SnapshotAsync();

        var read = await fx.TunxiOfficial.GetAsync($"/api/enterprises/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);

        var update = await fx.TunxiOfficial.PutAsJsonAsync($"/api/enterprises/{id}", EnterpriseBody(shexian.Str("creditCode")!, "被改名", Shexian));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task ListEnterprises_ShowsEveryDistrict_WhenCityReviewer()
    {
        var shexian = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县市级可见测试企业", Shexian);
        var tunxi = await CreateEnterpriseAsync(fx.TunxiOfficial, "屯溪市级可见测试企业", Tunxi);

        var list = await fx.City.GetObjectAsync("/api/enterprises?pageSize=100");
        var items = list["items"]!.AsArray();
        Assert.Contains(items, e => e.Str("id") == shexian.Str("id"));
        Assert.Contains(items, e => e.Str("id") == tunxi.Str("id"));
        Assert.True(items.Select(e => e.Str("districtCode")).Distinct().Count() >= 8, "demo data covers all eight districts");

        var read = await fx.City.GetObjectAsync($"/api/enterprises/{shexian.Str("id")}");
        Assert.Equal("歙县", read.Str("districtName"));

        var filtered = await fx.City.GetObjectAsync($"/api/enterprises?district={Shexian}&pageSize=100");
        Assert.All(filtered["items"]!.AsArray(), e => Assert.Equal(Shexian, e.Str("districtCode")));
    }

    [Fact]
    public async Task ListEnterprises_PagesAndSearches_WhenAsked()
    {
        var created = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县分页检索测试墨业有限公司", Shexian);

        var byName = await fx.ShexianOfficial.GetObjectAsync($"/api/enterprises?search={Uri.EscapeDataString("分页检索测试")}");
        Assert.Equal(1, byName["total"]!.GetValue<int>());
        var code = created.Str("creditCode")!;
        var byCode = await fx.City.GetObjectAsync($"/api/enterprises?search={code[..12].ToLowerInvariant()}");
        Assert.Contains(byCode["items"]!.AsArray(), e => e.Str("id") == created.Str("id"));
        var byCodeInside = await fx.ShexianOfficial.GetObjectAsync($"/api/enterprises?search={code[8..17]}");
        Assert.Equal(created.Str("id"), Assert.Single(byCodeInside["items"]!.AsArray())!.Str("id"));

        var page = await fx.City.GetObjectAsync("/api/enterprises?page=2&pageSize=5");
        Assert.Equal(2, page["page"]!.GetValue<int>());
        Assert.Equal(5, page["items"]!.AsArray().Count);

        var bad = await fx.City.GetAsync("/api/enterprises?pageSize=1000&district=123");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("pageSize"));
        Assert.True(errors.ContainsKey("district"));
    }

    [Fact]
    public async Task UpdateEnterprise_SavesAndRenamesPoolMember_WhenValid()
    {
        var created = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县改名前测试企业", Shexian);
        var member = await EnrolAsync(fx.ShexianOfficial, created.Str("id")!);
        var body = EnterpriseBody(created.Str("creditCode")!, "歙县改名后测试企业", Shexian, "C2431");
        body["contactPhone"] = "0559-6512345";

        var response = await fx.ShexianOfficial.PutAsJsonAsync($"/api/enterprises/{created.Str("id")}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonAsync();
        Assert.Equal("歙县改名后测试企业", updated.Str("name"));
        Assert.Equal("C2431", updated.Str("industryCode"));
        Assert.Equal("0559-6512345", updated.Str("contactPhone"));
        var pool = await (await fx.ShexianOfficial.GetAsync($"/api/pools?year={CurrentYear}&pageSize=100")).ReadJsonAsync();
        Assert.Contains(pool["items"]!.AsArray(), m => m.Str("id") == member.Str("id") && m.Str("memberName") == "歙县改名后测试企业");
    }

    [Fact]
    public async Task UpdateEnterprise_Returns400AndChangesNothing_WhenFactoryPoolMemberLeavesManufacturing()
    {
        var created = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县行业变更测试企业", Shexian);
        await EnrolAsync(fx.ShexianOfficial, created.Str("id")!);
        var before = await fx.SnapshotAsync();

        var response = await fx.ShexianOfficial.PutAsJsonAsync($"/api/enterprises/{created.Str("id")}",
            EnterpriseBody(created.Str("creditCode")!, "歙县行业变更测试企业（批发）", Shexian, "F5123"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadJsonAsync())["errors"]!["industryCode"]![0]!.GetValue<string>();
        Assert.Equal(new Enterprise { Name = "歙县行业变更测试企业（批发）", IndustryCode = "F5123" }.IneligibilityFor(NominationType.GreenFactory), message);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task UpdateEnterprise_Returns409AndChangesNothing_WhenCreditCodeBelongsToAnother()
    {
        var first = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县代码冲突甲企业", Shexian);
        var second = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县代码冲突乙企业", Shexian);
        var before = await fx.SnapshotAsync();

        var response = await fx.ShexianOfficial.PutAsJsonAsync($"/api/enterprises/{second.Str("id")}",
            EnterpriseBody(first.Str("creditCode")!, "歙县代码冲突乙企业", Shexian));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("「歙县代码冲突甲企业」（歙县）", (await response.ReadJsonAsync()).Str("detail"));
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task DemoData_HasValidCodesInEveryDistrict_WhenDemoModeOn()
    {
        var list = await fx.City.GetObjectAsync("/api/enterprises?pageSize=100&search=" + Uri.EscapeDataString("有限公司"));
        var demo = list["items"]!.AsArray().Where(e => e.Str("creditCode")!.Substring(8, 3) == "MA2").ToList();
        Assert.Equal(19, demo.Count);
        Assert.All(demo, e => Assert.True(CreditCode.Check(e.Str("creditCode")).IsValid));
        Assert.All(demo, e => Assert.Null(e.Str("creditCodeWarning")));
        Assert.All(demo, e => Assert.StartsWith("C", e.Str("industryCode"), StringComparison.Ordinal));
        Assert.All(demo.GroupBy(e => e.Str("districtCode")), g => Assert.InRange(g.Count(), 2, 3));
        Assert.Equal(8, demo.Select(e => e.Str("districtCode")).Distinct().Count());

        var pool = (await (await fx.City.GetAsync($"/api/pools?year={CurrentYear}&pageSize=100")).ReadJsonAsync())["items"]!.AsArray();
        Assert.All(demo, e => Assert.Contains(pool, m => m.Str("enterpriseId") == e.Str("id")));
    }

    [Fact]
    public async Task Lists_ShowNothing_ToADistrictOfficialBoundToNoUnit()
    {
        // Account management refuses such an account; one made behind its back must see no district (the jurisdiction
        // rule), not every district as a city-wide official would.
        var userName = "unbound" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = fx.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, Email = userName + "@example.cn", EmailConfirmed = true, DisplayName = "未绑定区县", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.District)).Succeeded);
        }
        using var unbound = await fx.BearerClientAsync(userName);
        var demo = (await fx.City.GetObjectAsync("/api/enterprises?pageSize=1"))["items"]!.AsArray();
        Assert.NotEmpty(demo);

        Assert.Empty((await unbound.GetObjectAsync("/api/enterprises?pageSize=100"))["items"]!.AsArray());
        Assert.Empty((await unbound.GetObjectAsync("/api/parks?pageSize=100"))["items"]!.AsArray());
        var pool = await unbound.GetObjectAsync($"/api/pools?year={CurrentYear}&pageSize=100");
        Assert.Empty(pool["items"]!.AsArray());
        Assert.Equal(0, pool["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await unbound.GetAsync($"/api/enterprises/{demo[0].Str("id")}")).StatusCode);
    }

    [Fact]
    public async Task DemoSeeder_AddsNothing_WhenRunAgain()
    {
        var before = await fx.SnapshotAsync();
        using (var scope = fx.Factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoRegistrySeeder>().SeedAsync();
        Assert.Equal(before, await fx.SnapshotAsync());
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteRegistryEnterpriseTests(RegistryFixture fx) : RegistryEnterpriseTests(fx);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlRegistryEnterpriseTests(PostgreSqlRegistryFixture fx) : RegistryEnterpriseTests(fx);
