using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;

namespace GreenTierWorkflows.Tests.Notifications;

[Collection(ElsaApiCollection.Name)]
public sealed class NoticePreviewEndpointTests(ElsaApiFixture app)
{
    [Fact]
    public async Task Templates_ListsEveryKind_WhenCallerIsDesigner()
    {
        var response = await app.Designer.GetAsync("/api/notices/templates");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kinds = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray().Select(k => k!.GetValue<string>());
        Assert.Equal(NoticeKinds.All, kinds);
    }

    [Fact]
    public async Task Preview_RendersSample_WhenKindExists()
    {
        var response = await app.Designer.GetAsync($"/api/notices/preview/{NoticeKinds.DeadlineReminder}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("【截止提醒】歙县：2026年度绿色工厂（省级）推荐还剩 3 天", body["subject"]!.GetValue<string>());
        Assert.Contains("<li>黄山某某茶业有限公司：自评价报告</li>", body["html"]!.GetValue<string>());
        Assert.Contains("黄山市绿色制造名单梯度培育系统", body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_Returns404WithChineseMessage_WhenKindIsUnknown()
    {
        var response = await app.Designer.GetAsync("/api/notices/preview/no-such-kind");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("未找到通知类型", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Preview_IsForbidden_WhenCallerIsNotDesigner()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.GetAsync("/api/notices/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Official.GetAsync($"/api/notices/preview/{NoticeKinds.ReviewDue}")).StatusCode);
    }
}
