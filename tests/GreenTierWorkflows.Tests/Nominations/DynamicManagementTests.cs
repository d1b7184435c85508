using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Notices;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>动态管理 over HTTP: the annual 动态管理表, its failure, the 复审 timing rule and a removal with reason.</summary>
[Collection(NominationCollection.Name)]
public sealed class DynamicManagementTests(NominationFixture app) : NominationSteps(app)
{
    private async Task<(string NominationId, string ListingId)> ListedAsync(string name)
    {
        var id = await SubmitNewAsync("shexian", "341021", name);
        foreach (var (user, stage) in new[] { ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审") })
            await DecideAsync(user, id, stage, "通过");
        return (id, await App.QueryAsync(db => db.Listings.Where(l => l.NominationId == id).Select(l => l.Id).SingleAsync()));
    }

    [Fact]
    public async Task AnnualReport_IsAcceptedOrEndsInRemoval_AndAManualRemovalNeedsAReason()
    {
        var (kept, keptListing) = await ListedAsync("歙县动态管理甲企业");
        var (removed, removedListing) = await ListedAsync("歙县动态管理乙企业");
        var city = await App.ClientAsync("city");

        foreach (var listing in new[] { keptListing, removedListing })
            await ReadAsync(await city.PostAsJsonAsync($"/api/listings/{listing}/annual-report", new { year = 2027 }), HttpStatusCode.Accepted);
        await DecideAsync("shexian", kept, "动态管理表填报", "通过");
        await DecideAsync("city", kept, "动态管理表审核", "通过");
        await DecideAsync("shexian", removed, "动态管理表填报", "通过");
        await DecideAsync("city", removed, "动态管理表审核", "不通过", "单位产品能耗较上年上升 18%，数据与在线监测不符");

        var listings = await App.QueryAsync(db => db.Listings.Where(l => l.Id == keptListing || l.Id == removedListing).ToDictionaryAsync(l => l.Id));
        Assert.Equal((ListingStatus.Active, 2027), (listings[keptListing].Status, listings[keptListing].LastAnnualReportYear));
        Assert.Equal((ListingStatus.Revoked, "动态管理表审核未通过"), (listings[removedListing].Status, listings[removedListing].RevocationReason));
        Assert.Contains("撤销名单资格", (await HistoryAsync("shexian", removed)).Select(h => h!["action"]!.GetValue<string>()));
        Assert.Contains("动态管理表审核通过", (await HistoryAsync("shexian", kept)).Select(h => h!["action"]!.GetValue<string>()));

        var notDue = await ReadAsync(await city.PostAsJsonAsync($"/api/listings/{keptListing}/review", new { year = 2027 }), HttpStatusCode.Conflict);
        Assert.Contains("三年后", notDue["detail"]!.GetValue<string>());
        var noReason = await ReadAsync(await city.PostAsJsonAsync($"/api/listings/{keptListing}/revoke", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.Contains("必须填写原因", noReason["errors"]!["reason"]![0]!.GetValue<string>());
        var byDistrict = await (await App.ClientAsync("shexian")).PostAsJsonAsync($"/api/listings/{keptListing}/revoke", new { reason = "自行申请" });
        Assert.Equal(HttpStatusCode.Forbidden, byDistrict.StatusCode);
        Assert.Equal(ListingStatus.Active, await App.QueryAsync(db => db.Listings.Where(l => l.Id == keptListing).Select(l => l.Status).SingleAsync()));

        var revoked = await ReadAsync(await city.PostAsJsonAsync($"/api/listings/{keptListing}/revoke", new { reason = "发生较大环境污染事故" }), HttpStatusCode.OK);
        Assert.Equal("Revoked", revoked["status"]!.GetValue<string>());
        var mails = await App.QueryAsync(db => db.OutboxNotices.Where(n => n.Kind == NoticeKinds.ListingRevoked && (n.NominationId == kept || n.NominationId == removed)).ToListAsync());
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("shexian@demo.greentier.local", m.RecipientEmail));
    }

    [Fact]
    public async Task Listings_ShowTheTierLadder_OnlyWithinScope()
    {
        var (_, listing) = await ListedAsync("歙县名单阶梯企业");
        var enterpriseId = await App.QueryAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.EnterpriseId).SingleAsync());

        var mine = await (await App.ClientAsync("shexian")).GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/listings?enterpriseId={enterpriseId}");
        var other = await (await App.ClientAsync("tunxi")).GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/listings?enterpriseId={enterpriseId}");

        Assert.Equal("省级", Assert.Single(mine!["items"]!.AsArray())!["tierName"]!.GetValue<string>());
        Assert.Empty(other!["items"]!.AsArray());
    }
}
