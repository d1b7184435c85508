using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Application.Effects;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// Effects stored before they were typed (JSON written key by key, as the activities wrote it) still drain: the typed
/// handlers read the same keys, dates in the round-trip format and numbers as they were stored.
/// </summary>
public sealed class StoredEffectCompatibilityTests(NominationFixture app) : NominationSteps(app), IClassFixture<NominationFixture>
{
    [Fact]
    public async Task EffectsInTheShapeStoredBeforeTyping_AreApplied()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县旧效果兼容测试企业");
        var cityTask = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();
        var legacyTask = "legacy-" + Guid.NewGuid().ToString("N");
        await AppendEffectsAsync(id,
            ("review-task.completed", $$"""{"taskId":"{{cityTask}}","outcome":"通过","comment":"旧格式意见","actorId":"legacy-user","actorName":"旧版评审员","attachments":[]}"""),
            ("review-task.opened", $$"""{"taskId":"{{legacyTask}}","title":"旧格式任务","stage":"旧格式阶段","role":"CityReviewer","district":"341021","outcomes":["通过","退回修改"],"formKey":"review","dueAt":"2026-06-22T02:00:00.0000000+00:00","definitionId":"green-factory-nomination"}"""),
            ("public-notice.started", """{"level":"市级","days":5,"workingDays":true,"startsOn":"2026-06-15T02:00:00.0000000+00:00","endsOn":"2026-06-22T02:00:00.0000000+00:00"}"""),
            ("nomination.status", """{"status":"InProgress","stage":"旧格式阶段","listedTier":null,"note":"旧格式备注"}"""));

        await App.Factory.Services.GetRequiredService<NominationEffectApplier>().DrainAsync();

        var decided = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == cityTask));
        Assert.Equal((ReviewTaskStatus.Completed, "通过", "旧格式意见", "legacy-user", "旧版评审员"),
            (decided.Status, decided.Outcome, decided.Comment, decided.CompletedById, decided.CompletedByName));
        var opened = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == legacyTask));
        Assert.Equal(("旧格式任务", "旧格式阶段", "CityReviewer", "341021", "review", new DateTimeOffset(2026, 6, 22, 2, 0, 0, TimeSpan.Zero)),
            (opened.Title, opened.Stage, opened.AssigneeRole, opened.DistrictCode, opened.FormKey, opened.DueAt!.Value));
        Assert.Equal(["通过", "退回修改"], opened.Outcomes);
        var history = await App.QueryAsync(db => db.NominationEvents.AsNoTracking().Where(e => e.NominationId == id).ToListAsync());
        Assert.Contains(history, e => e.Action == "通过" && e.TaskId == cityTask && e.ActorName == "旧版评审员" && e.Comment == "旧格式意见");
        Assert.Contains(history, e => e.Action == "公示开始" && e.Comment == "市级公示 2026-06-15 至 2026-06-22");
        Assert.Contains(history, e => e.Action == "状态变更" && e.Comment == "办理中：旧格式阶段。旧格式备注");
        var notice = await App.QueryAsync(db => db.OutboxNotices.AsNoTracking().Where(n => n.NominationId == id && n.Kind == "public-notice-started").ToListAsync());
        Assert.NotEmpty(notice);
        Assert.Equal(5, JsonNode.Parse(notice[0].ModelJson)!["working_days"]!.GetValue<int>());
    }
}
