using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GreenTierWorkflows.Tests.TestSupport.RegistryFixture;

namespace GreenTierWorkflows.Tests.Registry;

/// <summary>
/// Issue 17 item 7: an enterprise's record can be changed after registering, under the registration's rules, and every
/// change is recorded (who, when, which fields) and read back in its 企业档案 (<see cref="EnterpriseDossier"/>) together with
/// whether the reader may edit it.
/// </summary>
public abstract class EnterpriseFileTests(RegistryFixture fx)
{
    private static readonly Official ShexianDistrict = new("t-shexian", "shexian", "歙县经信局", [Roles.District], Shexian);
    private static readonly Official TunxiDistrict = new("t-tunxi", "tunxi", "屯溪区经信局", [Roles.District], Tunxi);
    private static readonly Official CityReviewer = new("t-city", "city", "黄山市工信局", [Roles.CityReviewer], null);
    private static readonly Official Verifier = new("t-verifier", "verifier", "现场核查组", [Roles.Verifier], null);

    [Fact]
    public async Task UpdateEnterprise_RecordsWhoAndWhichFieldsChanged_AndTheFileShowsIt()
    {
        var created = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县档案修改记录测试企业", Shexian);
        var id = created.Str("id")!;
        var body = EnterpriseBody(created.Str("creditCode")!, "歙县档案修改记录测试企业", Shexian);
        body["contactName"] = "王五";
        body["contactPhone"] = "0559-6512345";

        var response = await fx.ShexianOfficial.PutAsJsonAsync($"/api/enterprises/{id}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(await EditLinesAsync(id));
        Assert.Equal("shexian", line.ActorName);
        Assert.True(line.Succeeded);
        Assert.Contains("联系人：程工 → 王五", line.Detail);
        Assert.Contains("联系电话：13905591234 → 0559-6512345", line.Detail);
        Assert.DoesNotContain("企业名称", line.Detail);

        var file = await FileAsync(ShexianDistrict, id);
        Assert.True(file.CanEdit, "the owning district may edit");
        var edit = Assert.Single(file.Edits);
        Assert.Equal("shexian", edit.ActorName);
        Assert.Equal(["联系人：程工 → 王五", "联系电话：13905591234 → 0559-6512345"], edit.Changes);
        Assert.Equal("王五", file.Enterprise.ContactName);

        // The same body again changes nothing and records nothing.
        Assert.Equal(HttpStatusCode.OK, (await fx.ShexianOfficial.PutAsJsonAsync($"/api/enterprises/{id}", body)).StatusCode);
        Assert.Single(await EditLinesAsync(id));
    }

    [Fact]
    public async Task UpdateEnterprise_RefusedEdit_LeavesTheRowAndTheRecordUnchanged()
    {
        var created = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县档案错误代码测试企业", Shexian);
        var id = created.Str("id")!;
        var before = await fx.SnapshotAsync();
        var bad = EnterpriseBody("91350100M000100Y4A", "歙县档案错误代码测试企业", Shexian);
        bad["contactName"] = "不应保存";

        var response = await fx.ShexianOfficial.PutAsJsonAsync($"/api/enterprises/{id}", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("校验位", (await response.ReadJsonAsync())["errors"]!["creditCode"]![0]!.GetValue<string>());
        var verifier = await fx.Verifier.PutAsJsonAsync($"/api/enterprises/{id}", EnterpriseBody(created.Str("creditCode")!, "核查组改名", Shexian));
        Assert.Equal(HttpStatusCode.Forbidden, verifier.StatusCode);
        var otherDistrict = await fx.TunxiOfficial.PutAsJsonAsync($"/api/enterprises/{id}", EnterpriseBody(created.Str("creditCode")!, "屯溪改名", Shexian));
        Assert.Equal(HttpStatusCode.NotFound, otherDistrict.StatusCode);

        Assert.Equal(before, await fx.SnapshotAsync());
        Assert.Empty(await EditLinesAsync(id));
        Assert.Equal("程工", (await FileAsync(ShexianDistrict, id)).Enterprise.ContactName);
    }

    [Fact]
    public async Task EnterpriseFile_IsEditableByItsDistrictAndTheCity_ReadOnlyForVerifiers_AndNotFoundElsewhere()
    {
        var created = await CreateEnterpriseAsync(fx.ShexianOfficial, "歙县档案权限测试企业", Shexian);
        var id = created.Str("id")!;
        await EnrolAsync(fx.ShexianOfficial, id);

        Assert.True((await FileAsync(CityReviewer, id)).CanEdit, "the city may edit");
        var read = await FileAsync(Verifier, id);
        Assert.False(read.CanEdit, "a verifier reads only");
        var membership = Assert.Single(read.Memberships);
        Assert.Equal(CurrentYear, membership.Year);
        Assert.True(membership.IsActive);

        using var scope = fx.Factory.Services.CreateScope();
        var outside = await scope.ServiceProvider.GetRequiredService<EnterpriseDossier>().GetAsync(TunxiDistrict, id);
        Assert.False(outside.Ok);
        Assert.Equal(Domain.Refusals.DomainErrorKind.NotFound, outside.Error!.Kind);
    }

    private async Task<EnterpriseFile> FileAsync(Official official, string id)
    {
        using var scope = fx.Factory.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<EnterpriseDossier>().GetAsync(official, id);
        Assert.True(found.Ok, found.Error?.Message);
        return found.Value!;
    }

    private async Task<List<AuditEntry>> EditLinesAsync(string id)
    {
        using var scope = fx.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.EnterpriseEdited && a.Target == id).ToListAsync();
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteEnterpriseFileTests(RegistryFixture fx) : EnterpriseFileTests(fx);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlEnterpriseFileTests(PostgreSqlRegistryFixture fx) : EnterpriseFileTests(fx);
