using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// The on-site checklist (核查表) the factory workflow defines on its 现场核查 step: answered item by item with the
/// decision, required items before 通过, refusals at the item with nothing stored, the answers kept with the decision.
/// </summary>
public abstract class OnSiteChecklistTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task Approval_NeedsEveryRequiredItemAnsweredAndNoneFailing_ARefusalStoresNothing_AndTheAnswersAreKeptWithTheDecision()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县核查表测试企业");
        await DecideAsync("city", id, "市级评审", "通过");
        var task = await TaskAsync("verifier", id, "现场核查");
        var taskId = task["id"]!.GetValue<string>();
        // The task carries the workflow's checklist.
        var items = task["checklist"]!.AsArray();
        Assert.Equal(OnSiteChecklist.FactoryCodes, items.Select(i => i.Str("code")));
        Assert.True(items.Single(i => i.Str("code") == "GL-01")!["required"]!.GetValue<bool>());
        Assert.False(items.Single(i => i.Str("code") == "CP-01")!["required"]!.GetValue<bool>());
        var materialsBefore = await MaterialCountAsync(id);

        // Nothing answered: each required item is refused at its field.
        var none = await ReadAsync(await CompleteAsync("verifier", taskId, "通过"), HttpStatusCode.BadRequest);
        Assert.Contains("必核项「JC-01", none["errors"]!["checklist.JC-01"]![0]!.GetValue<string>());
        Assert.Contains("尚未作答", none["errors"]!["checklist.GL-01"]![0]!.GetValue<string>());
        Assert.Null(none["errors"]!["checklist.CP-01"]); // optional

        // One required item missing, sent with a file: refused before the file is stored.
        var missing = Answers(("JC-01", "符合", null), ("NY-01", "符合", null), ("HJ-01", "符合", null), ("JX-01", "符合", null), ("BG-01", "符合", null));
        var withFile = await ReadAsync(await DecideWithFileAsync(taskId, "通过", missing, UniquePdf(1200)), HttpStatusCode.BadRequest);
        Assert.Equal(["checklist.GL-01"], withFile["errors"]!.AsObject().Select(e => e.Key));

        // A required item that does not conform vetoes 通过; a 不符合 must say what was found; verdicts are the three.
        var failing = await ReadAsync(await CompleteAsync("verifier", taskId, "通过", null,
            AllConformBut(("GL-01", "不符合", "能源管理体系证书已过期"), ("CP-01", "不符合", null), ("TS-01", "基本符合", null))), HttpStatusCode.BadRequest);
        Assert.Contains("不符合，不能作出「通过」决定", failing["errors"]!["checklist.GL-01"]![0]!.GetValue<string>());
        Assert.Contains("不符合时请说明发现的问题", failing["errors"]!["checklist.CP-01"]![0]!.GetValue<string>());
        Assert.Contains("符合 / 不符合 / 不适用", failing["errors"]!["checklist.TS-01"]![0]!.GetValue<string>());
        var unknown = await ReadAsync(await CompleteAsync("verifier", taskId, "通过", null, AllConformBut(("ZZ-99", "符合", null))), HttpStatusCode.BadRequest);
        Assert.Contains("没有编号为「ZZ-99」", unknown["errors"]!["checklist"]![0]!.GetValue<string>());

        // Every refusal left the task open, with no answers and no files.
        var stored = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal((ReviewTaskStatus.Open, 0), (stored.Status, stored.ChecklistAnswers.Count));
        Assert.Equal(materialsBefore, await MaterialCountAsync(id));

        var recorded = await ReadAsync(await CompleteAsync("verifier", taskId, "通过", "现场核查符合要求",
            AllConformBut(("CP-01", "不适用", "该企业产品为中间品，未开展生态设计"), ("JC-01", "符合", "现场未见淘汰类设备"))), HttpStatusCode.OK);
        Assert.Equal("Completed", recorded.Str("status"));
        var answers = recorded["checklistAnswers"]!.AsArray();
        Assert.Equal(OnSiteChecklist.FactoryCodes, answers.Select(a => a.Str("code")));
        var cp = answers.Single(a => a.Str("code") == "CP-01")!;
        Assert.Equal(("不适用", "该企业产品为中间品，未开展生态设计", false), (cp.Str("verdict"), cp.Str("note"), cp["required"]!.GetValue<bool>()));
        Assert.StartsWith("产品", cp.Str("text"));
        // Stored with the decision, and read back by the task page and the nomination page.
        var again = await ReadAsync(await (await App.ClientAsync("verifier")).GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.OK);
        Assert.Equal("现场未见淘汰类设备", again["checklistAnswers"]!.AsArray().Single(a => a.Str("code") == "JC-01").Str("note"));
        await TaskAsync("city", id, "市级推荐");
    }

    [Fact]
    public async Task Rejection_NeedsNoCompleteChecklist_AndKeepsTheAnswersGiven()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县核查表不通过测试企业");
        await DecideAsync("city", id, "市级评审", "通过");
        var taskId = (await TaskAsync("verifier", id, "现场核查"))["id"]!.GetValue<string>();

        var rejected = await ReadAsync(await CompleteAsync("verifier", taskId, "不通过", "现场发现淘汰类设备在用",
            Answers(("JC-01", "不符合", "二号车间两台淘汰类电机在用"))), HttpStatusCode.OK);

        var answer = Assert.Single(rejected["checklistAnswers"]!.AsArray())!;
        Assert.Equal(("JC-01", "不符合", "二号车间两台淘汰类电机在用"), (answer.Str("code"), answer.Str("verdict"), answer.Str("note")));
        var stored = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal("不通过", stored.Outcome);
        Assert.Equal("JC-01", Assert.Single(stored.ChecklistAnswers).Code);
    }

    [Fact]
    public async Task AStepWithoutAChecklist_RefusesAnswers()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县无核查表环节测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();

        var refused = await ReadAsync(await CompleteAsync("city", taskId, "通过", null, OnSiteChecklist.AllConform()), HttpStatusCode.BadRequest);

        Assert.Contains("没有核查表", refused["errors"]!["checklist"]![0]!.GetValue<string>());
        await TaskAsync("city", id, "市级评审");
    }

    private static JsonArray Answers(params (string Code, string Verdict, string? Note)[] answers) =>
        new(answers.Select(a => (JsonNode)new JsonObject { ["code"] = a.Code, ["verdict"] = a.Verdict, ["note"] = a.Note }).ToArray());

    /// <summary>Every factory item 符合 except the ones given (an unknown code is added).</summary>
    private static JsonArray AllConformBut(params (string Code, string Verdict, string? Note)[] changed) =>
        Answers(OnSiteChecklist.FactoryCodes.Select(code => changed.FirstOrDefault(c => c.Code == code) is { Code: not null } c ? c : (code, "符合", null))
            .Concat(changed.Where(c => !OnSiteChecklist.FactoryCodes.Contains(c.Code))).ToArray());

    private async Task<HttpResponseMessage> DecideWithFileAsync(string taskId, string outcome, JsonArray checklist, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(outcome), "outcome");
        form.Add(new StringContent(checklist.ToJsonString()), "checklist");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "现场核查记录.pdf");
        return await (await App.ClientAsync("verifier")).PostAsync($"/api/tasks/{taskId}/decision", form);
    }

    private Task<int> MaterialCountAsync(string nominationId) =>
        App.QueryAsync(db => db.Materials.IgnoreQueryFilters().CountAsync(m => m.NominationId == nominationId));
}

[Collection(NominationCollection.Name)]
public sealed class SqliteOnSiteChecklistTests(NominationFixture app) : OnSiteChecklistTests(app);

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlOnSiteChecklistTests(PostgreSqlNominationFixture app) : OnSiteChecklistTests(app);
