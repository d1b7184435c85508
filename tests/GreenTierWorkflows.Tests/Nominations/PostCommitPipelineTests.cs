using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// The runtime's post-commit pipeline on the real app (SQLite file): a failure after a decision's step committed never
/// turns the decision into "not recorded". A failing observer does not keep the others from running, and a failure of
/// the effect applier itself (a database write refused once) leaves the decision and its attachment in place while the
/// projection (task inbox, history, materials) catches up from the effect outbox.
/// </summary>
public sealed class PostCommitPipelineTests(FaultInjectingApp app) : NominationSteps(app), IClassFixture<FaultInjectingApp>
{
    private const string Category = "审核附件：现场核查";

    private FaultInjectingApp Faults => (FaultInjectingApp)App;

    [Fact]
    public async Task AFailingObserver_DoesNotSkipTheOthers_AndTheDecisionIsAnsweredAsRecorded()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县观察者故障测试企业");
        var task = await TaskAsync("city", id, "市级评审");
        Faults.Observer.Arm();

        var response = await CompleteAsync("city", task["id"]!.GetValue<string>(), "通过");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.False(Faults.Observer.Armed, "the failing observer was not called");
        // The nominations' observer, registered after the failing one, still ran: the projection is there at once.
        var view = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("Completed", view["status"]!.GetValue<string>());
        await TaskAsync("verifier", id, "现场核查");
    }

    [Fact]
    public async Task TheApplierFailingAfterTheCommit_KeepsTheDecisionAndItsAttachment_AndTheProjectionCatchesUp()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县投影故障测试企业");
        await DecideAsync("city", id, "市级评审", "通过");
        var taskId = (await TaskAsync("verifier", id, "现场核查"))["id"]!.GetValue<string>();
        var record = UniquePdf(2600);
        Faults.ApplierWrite.Arm();

        var response = await DecideWithFileAsync("verifier", taskId, "通过", "现场核查无异常", record, "现场核查记录.pdf");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.False(Faults.ApplierWrite.Armed, "the injected failure did not happen");
        // Recorded: the step is committed (its bookmark consumed), the attachment kept (still pending, not deleted).
        Assert.Equal(1, await App.QueryAsync(db => db.Materials.IgnoreQueryFilters().CountAsync(m => m.NominationId == id && m.Category == Category)));
        var resumed = await (await App.ClientAsync("verifier")).PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "通过", checklist = OnSiteChecklist.AllConform() });
        Assert.NotEqual(HttpStatusCode.OK, resumed.StatusCode);

        // The retry applies the outbox: the task is done, the history names the decision, the attachment is a material.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        ReviewTask? task;
        while ((task = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == taskId))).Status != ReviewTaskStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the projection did not catch up within 90 s");
            await Task.Delay(200);
        }
        Assert.Equal(("通过", "现场核查无异常"), (task.Outcome, task.Comment));
        var history = await HistoryAsync("city", id);
        Assert.Contains(history, e => e!["action"]!.GetValue<string>() == "通过" && e["taskId"]?.GetValue<string>() == taskId);
        var materials = (await NominationAsync("city", id))["materials"]!.AsArray().Select(m => m!.AsObject()).Where(m => m["category"]!.GetValue<string>() == Category).ToList();
        Assert.Equal(["现场核查记录.pdf"], materials.Select(m => m["fileName"]!.GetValue<string>()).ToArray());
        var download = await (await App.ClientAsync("city")).GetAsync($"/api/nominations/{id}/materials/{materials[0]["id"]}");
        Assert.Equal(record, await download.Content.ReadAsByteArrayAsync());
        await TaskAsync("city", id, "市级推荐");
    }

    private async Task<HttpResponseMessage> DecideWithFileAsync(string user, string taskId, string outcome, string comment, byte[] content, string name)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(outcome), "outcome");
        OnSiteChecklist.AddTo(form, outcome);
        form.Add(new StringContent(comment), "comment");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", name);
        return await (await App.ClientAsync(user)).PostAsync($"/api/tasks/{taskId}/decision", form);
    }
}
