using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Domain.Listings;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Registry;
using static GreenTierWorkflows.Tests.TestSupport.RegistryFixture;

namespace GreenTierWorkflows.Tests.Registry;

public abstract class RegistryPoolTests(RegistryFixture fx)
{
    private async Task<JsonArray> PoolAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/pools?year={CurrentYear}&pageSize=100{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }

    [Fact]
    public async Task Pool_EnrolsUpdatesGuidanceAndExits_WhenDistrictOfficialOfMember()
    {
        var enterprise = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县培育库流程测试企业", Shexian, "C1530");

        var enrol = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = CurrentYear, enterpriseId = enterprise.Str("id"), targetType = "GreenFactory", guidanceNotes = "开展能源审计" });
        Assert.Equal(HttpStatusCode.Created, enrol.StatusCode);
        var member = await enrol.ReadJsonAsync();
        var id = member.Str("id")!;
        Assert.Equal(Shexian, member.Str("districtCode"));
        Assert.Equal("歙县培育库流程测试企业", member.Str("memberName"));
        Assert.Equal("绿色工厂", member.Str("targetTypeName"));
        Assert.True(member["isActive"]!.GetValue<bool>());
        Assert.Equal("shexian", member.Str("enrolledBy"));

        var guidance = await fx.ShexianOfficial.PutAsJsonAsync($"/api/pools/{id}/guidance", new { guidanceNotes = "补齐固废利用台账" });
        Assert.Equal(HttpStatusCode.OK, guidance.StatusCode);
        Assert.Equal("补齐固废利用台账", (await guidance.ReadJsonAsync()).Str("guidanceNotes"));

        var exit = await fx.ShexianOfficial.PostAsJsonAsync($"/api/pools/{id}/exit", new { reason = "企业搬迁出黄山市" });
        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        var exited = await exit.ReadJsonAsync();
        Assert.False(exited["isActive"]!.GetValue<bool>());
        Assert.Equal("企业搬迁出黄山市", exited.Str("exitReason"));
        Assert.NotNull(exited.Str("exitedAt"));

        var before = await fx.SnapshotAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await fx.ShexianOfficial.PostAsJsonAsync($"/api/pools/{id}/exit", new { reason = "再次出库" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fx.ShexianOfficial.PutAsJsonAsync($"/api/pools/{id}/guidance", new { guidanceNotes = "x" })).StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());

        // After the exit the enterprise may be enrolled again for the same year.
        var again = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = CurrentYear, enterpriseId = enterprise.Str("id"), targetType = "GreenSupplyChain" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task PoolRows_ShowTheMembersListingTier_AndItsNominationInProgress()
    {
        var listed = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县已列入省级名单测试企业", Shexian, "C1530");
        var applying = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县申报中测试企业", Shexian, "C1530");
        await EnrolAsync(fx.ShexianOfficial, listed.Str("id")!);
        await EnrolAsync(fx.ShexianOfficial, applying.Str("id")!);
        var nominationId = Guid.NewGuid().ToString("N");
        using (var scope = fx.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            foreach (var tier in new[] { Tier.City, Tier.Province })
                db.Listings.Add(new Listing
                {
                    Id = Guid.NewGuid().ToString("N"), Type = NominationType.GreenFactory, Tier = tier, EnterpriseId = listed.Str("id"),
                    ApplicantName = "歙县已列入省级名单测试企业", DistrictCode = Shexian, Year = CurrentYear - 1, ListedOn = new DateOnly(CurrentYear - 1, 9, 1),
                    Status = ListingStatus.Active,
                });
            db.Nominations.Add(new Nomination
            {
                Id = nominationId, Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = CurrentYear, DistrictCode = Shexian,
                EnterpriseId = applying.Str("id"), ApplicantName = "歙县申报中测试企业", Status = NominationStatus.InProgress, Stage = "市级评审",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var pool = await PoolAsync(fx.ShexianOfficial);
        var listedRow = pool.Single(m => m.Str("enterpriseId") == listed.Str("id"))!;
        Assert.Equal(("Province", "省级", null), (listedRow.Str("listedTier"), listedRow.Str("listedTierName"), listedRow.Str("openNominationId")));
        var applyingRow = pool.Single(m => m.Str("enterpriseId") == applying.Str("id"))!;
        Assert.Equal((null, nominationId, "市级评审"), (applyingRow.Str("listedTierName"), applyingRow.Str("openNominationId"), applyingRow.Str("openNominationStage")));
    }

    [Fact]
    public async Task Enrol_Returns409AndChangesNothing_WhenAlreadyActiveThatYear()
    {
        var enterprise = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县重复入库测试企业", Shexian);
        await EnrolAsync(fx.ShexianOfficial, enterprise.Str("id")!);
        var before = await fx.SnapshotAsync();

        var response = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = CurrentYear, enterpriseId = enterprise.Str("id"), targetType = "GreenSupplyChain" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("「歙县重复入库测试企业」已在", (await response.ReadJsonAsync()).Str("detail"));
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Enrol_Returns400AndChangesNothing_WhenFactoryMemberIsNotManufacturing()
    {
        var trader = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县茶叶批发测试有限公司", Shexian, "F5123");
        Assert.False(trader["isManufacturing"]!.GetValue<bool>());
        var before = await fx.SnapshotAsync();

        var response = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = CurrentYear, enterpriseId = trader.Str("id"), targetType = "GreenFactory" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadJsonAsync())["errors"]!["enterpriseId"]![0]!.GetValue<string>();
        Assert.Contains("制造业", message);
        Assert.Contains("F5123", message);
        // The one rule on the entity, with its one message (pools, nominations and registry edits say the same).
        Assert.Equal(new Enterprise { Name = "歙县茶叶批发测试有限公司", IndustryCode = "F5123" }.IneligibilityFor(NominationType.GreenFactory), message);
        Assert.Equal(before, await fx.SnapshotAsync());

        // The same enterprise may be cultivated for the supply-chain list.
        var supplyChain = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = CurrentYear, enterpriseId = trader.Str("id"), targetType = "GreenSupplyChain" });
        Assert.Equal(HttpStatusCode.Created, supplyChain.StatusCode);
    }

    [Fact]
    public async Task Enrol_Returns400WithFieldKeys_WhenRequestIncomplete()
    {
        var before = await fx.SnapshotAsync();

        var empty = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("year"));
        Assert.True(errors.ContainsKey("targetType"));
        Assert.True(errors.ContainsKey("enterpriseId"));

        var both = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = CurrentYear, enterpriseId = "x", parkId = "y", targetType = "Unknown" });
        var bothErrors = (await both.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(bothErrors.ContainsKey("parkId"));
        Assert.True(bothErrors.ContainsKey("targetType"));

        var missing = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools",
            new { year = 2010, enterpriseId = "no-such-enterprise", targetType = "GreenFactory" });
        var missingErrors = (await missing.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(missingErrors.ContainsKey("year"));
        Assert.Contains("未找到该企业", missingErrors["enterpriseId"]![0]!.GetValue<string>());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Exit_Returns400AndChangesNothing_WhenReasonMissing()
    {
        var enterprise = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县出库原因测试企业", Shexian);
        var member = await EnrolAsync(fx.ShexianOfficial, enterprise.Str("id")!);
        var before = await fx.SnapshotAsync();

        var response = await fx.ShexianOfficial.PostAsJsonAsync($"/api/pools/{member.Str("id")}/exit", new { reason = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("请填写出库原因。", (await response.ReadJsonAsync())["errors"]!["reason"]![0]!.GetValue<string>());
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Pool_HidesAndProtectsOtherDistrict_WhenTunxiOfficial()
    {
        var enterprise = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县培育库越权测试企业", Shexian);
        var member = await EnrolAsync(fx.ShexianOfficial, enterprise.Str("id")!);
        var id = member.Str("id");
        var before = await fx.SnapshotAsync();

        var tunxiPool = await PoolAsync(fx.TunxiOfficial);
        Assert.NotEmpty(tunxiPool);
        Assert.All(tunxiPool, m => Assert.Equal(Tunxi, m.Str("districtCode")));
        Assert.DoesNotContain(tunxiPool, m => m.Str("id") == id);
        Assert.Empty(await PoolAsync(fx.TunxiOfficial, $"&district={Shexian}"));

        Assert.Equal(HttpStatusCode.NotFound, (await fx.TunxiOfficial.PutAsJsonAsync($"/api/pools/{id}/guidance", new { guidanceNotes = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.TunxiOfficial.PostAsJsonAsync($"/api/pools/{id}/exit", new { reason = "越权" })).StatusCode);

        var other = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县越权入库测试企业", Shexian);
        var before2 = await fx.SnapshotAsync();
        var enrol = await fx.TunxiOfficial.PostAsJsonAsync("/api/pools", new { year = CurrentYear, enterpriseId = other.Str("id"), targetType = "GreenFactory" });
        Assert.Equal(HttpStatusCode.Forbidden, enrol.StatusCode);
        Assert.Equal(before2, await fx.SnapshotAsync());
        Assert.NotEqual(before, before2);
    }

    [Fact]
    public async Task ListPool_ShowsEveryDistrict_WhenCityWide()
    {
        var pool = await PoolAsync(fx.City);
        Assert.Equal(8, pool.Select(m => m.Str("districtCode")).Distinct().Count());

        var shexian = await PoolAsync(fx.City, $"&district={Shexian}");
        Assert.NotEmpty(shexian);
        Assert.All(shexian, m => Assert.Equal(Shexian, m.Str("districtCode")));
    }

    [Fact]
    public async Task Enrol_Returns403_WhenCityReviewer()
    {
        var enterprise = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县市级入库测试企业", Shexian);
        var before = await fx.SnapshotAsync();
        var response = await fx.City.PostAsJsonAsync("/api/pools", new { year = CurrentYear, enterpriseId = enterprise.Str("id"), targetType = "GreenFactory" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Enrol_AcceptsPark_WhenGreenParkTarget()
    {
        var park = await fx.ShexianOfficial.PostAsJsonAsync("/api/parks", new { name = "歙县循环经济园（培育库测试）", districtCode = Shexian, level = "省级" });
        Assert.Equal(HttpStatusCode.Created, park.StatusCode);
        var parkId = (await park.ReadJsonAsync()).Str("id");

        var wrongType = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools", new { year = CurrentYear, parkId, targetType = "GreenFactory" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var enrol = await fx.ShexianOfficial.PostAsJsonAsync("/api/pools", new { year = CurrentYear, parkId, targetType = "绿色工业园区" });
        Assert.Equal(HttpStatusCode.Created, enrol.StatusCode);
        var member = await enrol.ReadJsonAsync();
        Assert.Equal("GreenPark", member.Str("targetType"));
        Assert.Equal(parkId, member.Str("parkId"));
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteRegistryPoolTests(RegistryFixture fx) : RegistryPoolTests(fx);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlRegistryPoolTests(PostgreSqlRegistryFixture fx) : RegistryPoolTests(fx);
