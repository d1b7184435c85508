using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// 编辑申报信息 (issue 17, item 2): the district edits its draft — or its nomination returned for revision — under the
/// creation rules; every change is a history line 「字段：旧 → 新」 and an audit entry; refusals change nothing.
/// </summary>
public abstract class NominationEditTests(NominationFixture app) : NominationSteps(app)
{
    private Task<string> FingerprintAsync(string id) => App.QueryAsync(async db =>
    {
        var n = await db.Nominations.AsNoTracking().SingleAsync(x => x.Id == id);
        return $"{n.Status}|{n.TargetTier}|{n.EvaluationMode}|{n.EvaluatorName}|{n.StandardVersion}|{n.Score}|{n.Revision}|" +
            string.Join(",", n.NegativeList.Select(d => $"{d.Item}{d.Clear}{d.Evidence}")) + "|" +
            await db.NominationEvents.CountAsync(e => e.NominationId == id) + "|" + await db.AuditEntries.CountAsync(a => a.Target == id);
    });

    private static JsonObject Edited(JsonObject draft, Action<JsonObject> change)
    {
        var copy = draft.DeepClone().AsObject();
        change(copy);
        return copy;
    }

    [Fact]
    public async Task ADraft_IsEditedByItsDistrict_UnderTheCreationRules_WithEachChangeInTheHistoryAndAudited()
    {
        var enterprise = await App.EnrolEnterpriseAsync("341021", "歙县编辑草稿测试企业");
        var shexian = await App.ClientAsync("shexian");
        var draft = Draft(enterprise);
        var id = (await ReadAsync(await shexian.PostAsJsonAsync("/api/nominations", draft), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var before = await FingerprintAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).PutAsJsonAsync($"/api/nominations/{id}", draft)).StatusCode);
        var city = await ReadAsync(await (await App.ClientAsync("city")).PutAsJsonAsync($"/api/nominations/{id}", draft), HttpStatusCode.Forbidden);
        Assert.Contains("只有区县主管部门", city["detail"]!.GetValue<string>());
        var invalid = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d =>
        {
            d["score"] = 120;
            d["evaluatorName"] = null;
            d["negativeList"]!.AsArray()[2]!["clear"] = false;
        })), HttpStatusCode.BadRequest);
        Assert.Equal("得分应在 0–100 之间。", invalid["errors"]!["score"]![0]!.GetValue<string>());
        Assert.Equal("第三方评价须填写评价机构名称。", invalid["errors"]!["evaluatorName"]![0]!.GetValue<string>());
        Assert.Contains("负面清单第 3 项", invalid["errors"]!["negativeList"]![0]!.GetValue<string>());
        var moved = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d => d["year"] = 2027)), HttpStatusCode.BadRequest);
        Assert.Contains("申报年度创建后不能更改", moved["errors"]!["year"]![0]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync(id));

        var saved = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d =>
        {
            d["score"] = 91;
            d["targetTier"] = "City";
            d["evaluatorName"] = "黄山市绿色制造评价中心";
        })), HttpStatusCode.OK);
        Assert.Equal((91m, "City"), (saved["score"]!.GetValue<decimal>(), saved["targetTier"]!.GetValue<string>()));
        var line = (await HistoryAsync("shexian", id)).Select(e => e!.AsObject()).Last();
        Assert.Equal("修改申报信息", line["action"]!.GetValue<string>());
        var comment = line["comment"]!.GetValue<string>();
        Assert.Contains("申报层级：省级 → 市级", comment);
        Assert.Contains("评价机构：安徽某节能评价中心 → 黄山市绿色制造评价中心", comment);
        Assert.Contains("得分：86.5 → 91", comment);
        var audited = await App.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == Domain.Audit.AuditActions.NominationEdited && a.Target == id));
        Assert.Equal("shexian", audited.ActorName);
        Assert.Contains("得分：86.5 → 91", audited.Detail);

        var unchanged = await FingerprintAsync(id);
        await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d =>
        {
            d["score"] = 91;
            d["targetTier"] = "City";
            d["evaluatorName"] = "黄山市绿色制造评价中心";
        })), HttpStatusCode.OK);
        Assert.Equal(unchanged, await FingerprintAsync(id));
    }

    [Fact]
    public async Task AReturnedNomination_IsEditedWhileWaitingAtTheRevisionTask_NeverOnceSubmitted_AndResubmittedWithTheNewData()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县退回编辑测试企业");
        var shexian = await App.ClientAsync("shexian");
        var current = await NominationAsync("shexian", id);
        var draft = Draft(current["enterpriseId"]!.GetValue<string>());

        var before = await FingerprintAsync(id);
        var submitted = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d => d["score"] = 90)), HttpStatusCode.Conflict);
        Assert.Contains("已提交的申报不能修改申报信息", submitted["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync(id));

        await DecideAsync("city", id, "市级评审", "退回修改", "得分计算有误，请核实");
        Assert.Equal("Returned", (await NominationAsync("shexian", id))["status"]!.GetValue<string>());
        before = await FingerprintAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).PutAsJsonAsync($"/api/nominations/{id}", draft)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("city")).PutAsJsonAsync($"/api/nominations/{id}", draft)).StatusCode);
        var tier = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d => d["targetTier"] = "City")), HttpStatusCode.BadRequest);
        Assert.Contains("退回修改时不能更改申报层级", tier["errors"]!["targetTier"]![0]!.GetValue<string>());
        var invalid = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d => d["score"] = -1)), HttpStatusCode.BadRequest);
        Assert.Equal("得分应在 0–100 之间。", invalid["errors"]!["score"]![0]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync(id));

        var saved = await ReadAsync(await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d =>
        {
            d["score"] = 88;
            d["negativeList"]!.AsArray()[0]!["evidence"] = "信用中国、生态环境部门均无记录";
        })), HttpStatusCode.OK);
        Assert.Equal(("Returned", 88m), (saved["status"]!.GetValue<string>(), saved["score"]!.GetValue<decimal>()));
        var line = (await HistoryAsync("shexian", id)).Select(e => e!.AsObject()).Single(e => e["action"]!.GetValue<string>() == "修改申报信息");
        Assert.Contains("得分：86.5 → 88", line["comment"]!.GetValue<string>());
        Assert.Contains("负面清单第 1 项说明：信用中国查询无记录 → 信用中国、生态环境部门均无记录", line["comment"]!.GetValue<string>());

        await DecideAsync("shexian", id, "退回修改", "重新提交");
        var resubmitted = await NominationAsync("city", id);
        Assert.Equal(("InProgress", 88m), (resubmitted["status"]!.GetValue<string>(), resubmitted["score"]!.GetValue<decimal>()));
        await TaskAsync("city", id, "市级评审");
        Assert.Equal(HttpStatusCode.Conflict, (await shexian.PutAsJsonAsync($"/api/nominations/{id}", Edited(draft, d => d["score"] = 70))).StatusCode);
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteNominationEditTests(NominationFixture app) : NominationEditTests(app);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlNominationEditTests(PostgreSqlNominationFixture app) : NominationEditTests(app);
