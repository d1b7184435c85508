using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// The upgrade to the shared review path: a database made with the version-1 nomination flowcharts (one nomination
/// waiting at 市级评审, one waiting in the return loop at 退回修改) is started again with the repository's workflows/ — the
/// thin parents and <c>nomination-review-path.json</c>. Both finish on version 1; a new nomination starts on version 2
/// and its tasks are steps of the path, run inside the parent instance.
/// </summary>
public sealed class ReviewPathUpgradeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtw-review-path-upgrade-" + Guid.NewGuid().ToString("N"));
    private string OldWorkflows => Path.Combine(_directory, "workflows-v1");

    [Fact]
    public async Task V1Nominations_WaitingAtCityReviewAndInTheReturnLoop_FinishOnV1_AfterTheUpgrade_WhileANewOneRunsTheSharedPath()
    {
        WriteVersion1Folder();
        string atCity, returned;
        await using (var before = await StartAsync(OldWorkflows))
        {
            var steps = new Officials(before);
            atCity = await steps.SubmitAsync("shexian", "341021", "歙县升级前待市级评审企业");
            returned = await steps.SubmitAsync("shexian", "341021", "歙县升级前退回修改企业");
            await steps.DecideAsAsync("city", returned, "市级评审", "退回修改", "缺能耗数据");
            await steps.OpenTaskAsync("shexian", returned, "退回修改");
            foreach (var id in new[] { atCity, returned })
                Assert.Equal(1, (await steps.GetNominationAsync("shexian", id))["workflowVersion"]!.GetValue<int>());
        }

        await using var after = await StartAsync(RepoPaths.Workflows);
        var officials = new Officials(after);
        var store = after.Service<IWorkflowStore>();
        var parent = (await store.FindDefinitionAsync("green-factory-nomination", VersionOptions.Published))!;
        Assert.True(parent.Version == 2, $"the thin parent should be published as version 2, found version {parent.Version}");
        Assert.NotNull(await store.FindDefinitionAsync("nomination-review-path", VersionOptions.Published));

        // The return loop's bookmark resumes on version 1, and so does the nomination waiting at 市级评审.
        await officials.DecideAsAsync("shexian", returned, "退回修改", "重新提交");
        foreach (var id in new[] { atCity, returned })
        {
            await officials.DecideAsAsync("city", id, "市级评审", "通过");
            await officials.DecideAsAsync("verifier", id, "现场核查", "通过");
            await officials.DecideAsAsync("city", id, "市级推荐", "通过");
            await officials.DecideAsAsync("province", id, "省级评审", "通过");
            var done = await officials.GetNominationAsync("shexian", id);
            Assert.Equal(("Listed", "已列入省级名单", 1), (done["status"]!.GetValue<string>(), done["stage"]!.GetValue<string>(), done["workflowVersion"]!.GetValue<int>()));
            var instance = (await store.FindInstanceAsync(done["workflowInstanceId"]!.GetValue<string>()))!.State;
            Assert.Equal(("green-factory-nomination-v1", WorkflowStatus.Finished), (instance.DefinitionVersionId, instance.Status));
        }

        // A new nomination: version 2, its 市级评审 bookmark inside the path node of the parent's flowchart.
        var fresh = await officials.SubmitAsync("shexian", "341021", "歙县升级后新申报企业");
        var nomination = await officials.GetNominationAsync("shexian", fresh);
        Assert.Equal(2, nomination["workflowVersion"]!.GetValue<int>());
        var pathNode = PathNodeIdOf("green-factory-nomination.json");
        var waiting = (await store.FindInstanceAsync(nomination["workflowInstanceId"]!.GetValue<string>()))!.State;
        var bookmark = Assert.Single(waiting.Bookmarks);
        Assert.True(bookmark.ActivityNodeId.StartsWith(pathNode + ":", StringComparison.Ordinal),
            $"the 市级评审 bookmark {bookmark.ActivityNodeId} should sit inside the review path node {pathNode}");
        await officials.DecideAsAsync("city", fresh, "市级评审", "退回修改", "缺第三方核验报告");
        await officials.DecideAsAsync("shexian", fresh, "退回修改", "重新提交");
        await officials.DecideAsAsync("city", fresh, "市级评审", "通过");
        await officials.DecideAsAsync("verifier", fresh, "现场核查", "通过");
        await officials.DecideAsAsync("city", fresh, "市级推荐", "通过");
        await officials.DecideAsAsync("province", fresh, "省级评审", "通过");
        var listed = await officials.GetNominationAsync("shexian", fresh);
        Assert.Equal(("Listed", "已列入省级名单", 2), (listed["status"]!.GetValue<string>(), listed["stage"]!.GetValue<string>(), listed["workflowVersion"]!.GetValue<int>()));
        var finished = (await store.FindInstanceAsync(listed["workflowInstanceId"]!.GetValue<string>()))!.State;
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        var stages = (await officials.HistoryOfAsync("city", fresh)).Select(h => h!["stage"]?.GetValue<string>()).ToList();
        Assert.Contains("退回修改", stages);
        Assert.Contains("现场核查", stages);
    }

    /// <summary>The folder a deployment had before the upgrade: today's workflows/ with the version-1 nomination flowcharts.</summary>
    private void WriteVersion1Folder()
    {
        Directory.CreateDirectory(OldWorkflows);
        foreach (var file in Directory.GetFiles(RepoPaths.Workflows, "*.json"))
        {
            var name = Path.GetFileName(file);
            var archived = Path.Combine(RepoPaths.Workflows, "archive", Path.GetFileNameWithoutExtension(file) + ".v1.json");
            if (name == "nomination-review-path.json") continue;
            File.Copy(File.Exists(archived) ? archived : file, Path.Combine(OldWorkflows, name));
        }
    }

    private static string PathNodeIdOf(string parentFile)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Workflows, parentFile)))!;
        return json["root"]!["activities"]!.AsArray().Single(a => a!["workflowDefinitionId"]?.GetValue<string>() == "nomination-review-path")!["nodeId"]!.GetValue<string>();
    }

    private async Task<UpgradingApp> StartAsync(string workflows)
    {
        var app = new UpgradingApp(_directory, workflows);
        await app.InitializeAsync();
        return app;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The app on this test's data directory (kept for the next start) with the workflows folder given.</summary>
    private sealed class UpgradingApp(string directory, string workflows) : NominationFixture(directory), IAsyncDisposable
    {
        protected override bool DeleteDataOnDispose => false;

        protected override void ConfigureHost(IWebHostBuilder b)
        {
            base.ConfigureHost(b);
            b.UseSetting("Data:WorkflowsDirectory", workflows);
        }

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }

    /// <summary>The officials' steps over HTTP against one start of the app.</summary>
    private sealed class Officials(NominationFixture app) : NominationSteps(app)
    {
        public Task<string> SubmitAsync(string user, string district, string name) => SubmitNewAsync(user, district, name);
        public Task DecideAsAsync(string user, string nominationId, string stage, string outcome, string? comment = null) => DecideAsync(user, nominationId, stage, outcome, comment);
        public Task<JsonObject> OpenTaskAsync(string user, string nominationId, string stage) => TaskAsync(user, nominationId, stage);
        public Task<JsonObject> GetNominationAsync(string user, string id) => NominationAsync(user, id);
        public Task<JsonArray> HistoryOfAsync(string user, string id) => HistoryAsync(user, id);
    }
}
