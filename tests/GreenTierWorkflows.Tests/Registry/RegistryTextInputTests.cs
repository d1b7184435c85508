using System.Net;
using System.Net.Http.Json;
using static GreenTierWorkflows.Tests.TestSupport.RegistryFixture;

namespace GreenTierWorkflows.Tests.Registry;

/// <summary>
/// Names typed into the registry: control and invisible characters (NUL, the right-to-left override, zero-width ones)
/// are refused at the field with a Chinese message and nothing is saved; names are stored in Unicode NFC.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryTextInputTests(RegistryFixture fx)
{
    [Theory]
    [InlineData("黄山\0茶厂", "U+0000")]
    [InlineData("黄山\u202E厂茶", "U+202E")]
    [InlineData("\u200B\u200B", "U+200B")]
    [InlineData("黄山\u2066茶厂\u2069", "U+2066")]
    public async Task CreateEnterprise_RefusesInvisibleOrControlCharacters_AndSavesNothing(string name, string codePoint)
    {
        var before = await fx.SnapshotAsync();

        var response = await fx.TunxiOfficial.PostAsJsonAsync("/api/enterprises", EnterpriseBody(NewCreditCode(Tunxi), name, Tunxi));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var message = (await response.ReadJsonAsync())["errors"]!["name"]![0]!.GetValue<string>();
        Assert.Equal($"企业名称含有不可见或控制字符（{codePoint}），请删除后重试。", message);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task ParkAndPoolText_RefuseInvisibleCharacters_AtTheirFields()
    {
        var before = await fx.SnapshotAsync();
        var park = await fx.TunxiOfficial.PostAsJsonAsync("/api/parks", new
        {
            name = "屯溪\u202E园区", districtCode = Tunxi, level = "省级", managerName = "管委会\u200D",
        });
        Assert.Equal(HttpStatusCode.BadRequest, park.StatusCode);
        var errors = (await park.ReadJsonAsync())["errors"]!;
        Assert.Contains("U+202E", errors["name"]![0]!.GetValue<string>());
        Assert.Contains("U+200D", errors["managerName"]![0]!.GetValue<string>());

        var enterprise = await CreateEnterpriseAsync(fx.TunxiOfficial, "屯溪培育意见测试企业", Tunxi);
        var before2 = await fx.SnapshotAsync();
        var enrol = await fx.TunxiOfficial.PostAsJsonAsync("/api/pools", new
        {
            year = CurrentYear, enterpriseId = enterprise.Str("id"), targetType = "GreenFactory", guidanceNotes = "先行自评\n\u0007补充能耗数据",
        });
        Assert.Equal(HttpStatusCode.BadRequest, enrol.StatusCode);
        Assert.Contains("培育指导意见含有不可见或控制字符（U+0007）", (await enrol.ReadJsonAsync())["errors"]!["guidanceNotes"]![0]!.GetValue<string>());
        Assert.Equal(before2, await fx.SnapshotAsync());
        Assert.NotEqual(before, before2); // only the clean enterprise was saved
    }

    [Fact]
    public async Task CreateEnterprise_StoresTheNameInNfc()
    {
        var decomposed = "黄山Cafe\u0301茶厂"; // e + combining acute accent
        var created = await CreateEnterpriseAsync(fx.TunxiOfficial, decomposed, Tunxi);

        Assert.Equal("黄山Caf\u00E9茶厂", created.Str("name"));
        var read = await fx.TunxiOfficial.GetObjectAsync($"/api/enterprises/{created.Str("id")}");
        Assert.Equal("黄山Caf\u00E9茶厂", read.Str("name"));
    }
}
