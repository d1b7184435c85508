using System.Net;
using System.Net.Http.Json;
using static GreenTierWorkflows.Tests.TestSupport.RegistryFixture;

namespace GreenTierWorkflows.Tests.Registry;

public abstract class RegistryParkUnitTests(RegistryFixture fx)
{
    [Fact]
    public async Task ListUnits_ReturnsNineUnitsWithBureaus_WhenSignedIn()
    {
        var response = await fx.TunxiOfficial.GetAsync("/api/units");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var units = (await response.ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(9, units.Count);
        Assert.Contains(units, u => u.Str("code") == Shexian && u.Str("name") == "歙县" && u.Str("bureauName") == "歙县工信局");
        Assert.Contains(units, u => u.Str("name") == "黄山高新区" && u.Str("bureauName") == "黄山高新区经贸局");
        Assert.Equal("City", units[0].Str("level"));
    }

    [Fact]
    public async Task UpdateUnit_RenamesBureau_WhenAdministrator()
    {
        var response = await fx.Admin.PutAsJsonAsync("/api/units/341023", new { bureauName = "黟县经济和信息化局" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("黟县经济和信息化局", (await response.ReadJsonAsync()).Str("bureauName"));
        var units = (await (await fx.City.GetAsync("/api/units")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Contains(units, u => u.Str("code") == "341023" && u.Str("bureauName") == "黟县经济和信息化局");

        Assert.Equal(HttpStatusCode.OK, (await fx.Admin.PutAsJsonAsync("/api/units/341023", new { bureauName = "黟县工信局" })).StatusCode);
    }

    [Fact]
    public async Task UpdateUnit_RejectsAndChangesNothing_WhenNotAdministratorOrInvalid()
    {
        var before = await fx.SnapshotAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.ShexianOfficial.PutAsJsonAsync($"/api/units/{Shexian}", new { bureauName = "歙县某局" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.City.PutAsJsonAsync($"/api/units/{Shexian}", new { bureauName = "歙县某局" })).StatusCode);
        var empty = await fx.Admin.PutAsJsonAsync($"/api/units/{Shexian}", new { bureauName = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.ReadJsonAsync())["errors"]!.AsObject().ContainsKey("bureauName"));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Admin.PutAsJsonAsync("/api/units/999999", new { bureauName = "某局" })).StatusCode);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task Parks_CreateReadUpdate_WhenOwnDistrict()
    {
        var create = await fx.ShexianOfficial.PostAsJsonAsync("/api/parks",
            new { name = "歙县经济开发区（测试）", districtCode = Shexian, level = "省级", parkType = "经济开发区", introduction = "以文房四宝和茶产业为主。" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var park = await create.ReadJsonAsync();
        var id = park.Str("id");
        Assert.Equal("歙县", park.Str("districtName"));

        var update = await fx.ShexianOfficial.PutAsJsonAsync($"/api/parks/{id}",
            new { name = "歙县经济开发区（测试）", districtCode = Shexian, level = "国家级", contactPhone = "0559-6500000" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("国家级", (await update.ReadJsonAsync()).Str("level"));

        var list = await fx.City.GetObjectAsync($"/api/parks?district={Shexian}");
        Assert.Contains(list["items"]!.AsArray(), p => p.Str("id") == id);
    }

    [Fact]
    public async Task Parks_RejectAndChangeNothing_WhenDuplicateInvalidOrOutOfDistrict()
    {
        var create = await fx.ShexianOfficial.PostAsJsonAsync("/api/parks", new { name = "歙县重名园区（测试）", districtCode = Shexian });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = (await create.ReadJsonAsync()).Str("id");
        var before = await fx.SnapshotAsync();

        var duplicate = await fx.City.PostAsJsonAsync("/api/parks", new { name = " 歙县重名园区（测试） ", districtCode = Tunxi });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("歙县重名园区（测试）", (await duplicate.ReadJsonAsync()).Str("detail"));

        var invalid = await fx.ShexianOfficial.PostAsJsonAsync("/api/parks", new { name = "", districtCode = Shexian, level = "市级", introduction = new string('园', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name"));
        Assert.True(errors.ContainsKey("level"));
        Assert.True(errors.ContainsKey("introduction"));

        Assert.Equal(HttpStatusCode.Forbidden, (await fx.TunxiOfficial.PostAsJsonAsync("/api/parks", new { name = "越权园区", districtCode = Shexian })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.TunxiOfficial.GetAsync($"/api/parks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.TunxiOfficial.PutAsJsonAsync($"/api/parks/{id}", new { name = "改名", districtCode = Shexian })).StatusCode);
        var tunxiList = await fx.TunxiOfficial.GetObjectAsync("/api/parks");
        Assert.DoesNotContain(tunxiList["items"]!.AsArray(), p => p.Str("id") == id);
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    [Fact]
    public async Task OpenApiDocument_ListsRegistryEndpoints_WhenAnonymous()
    {
        var response = await fx.Anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"/api/enterprises\"", text);
        Assert.Contains("\"/api/pools/{id}/exit\"", text);
        Assert.Contains("CreateEnterprise", text);
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.StartsWith("3.", document.Str("openapi"), StringComparison.Ordinal);
        var create = document["paths"]!["/api/enterprises"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["201", "400", "403", "409"], create.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_ListsOnlyOkAndNotFound_ForReadsById()
    {
        // A read by id takes no input, so its use case can only refuse with 404; the document says so (no 400).
        var document = System.Text.Json.Nodes.JsonNode.Parse(await fx.Anonymous.GetStringAsync("/openapi/v1.json"))!;
        foreach (var path in new[] { "/api/enterprises/{id}", "/api/parks/{id}" })
            Assert.Equal(["200", "404"], document["paths"]![path]!["get"]!["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CurrentOfficial_CarriesJurisdiction_WhenSignedInAsDistrictOfficial()
    {
        // The scope rule depends on the jurisdiction claim: 歙县 sees its own demo enterprises only.
        var list = await fx.ShexianOfficial.GetObjectAsync("/api/enterprises?pageSize=100");
        Assert.All(list["items"]!.AsArray(), e => Assert.Equal(Shexian, e.Str("districtCode")));
        Assert.True(list["total"]!.GetValue<int>() >= 3);
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteRegistryParkUnitTests(RegistryFixture fx) : RegistryParkUnitTests(fx);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlRegistryParkUnitTests(PostgreSqlRegistryFixture fx) : RegistryParkUnitTests(fx);
