using System.Diagnostics;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Cli;
using GreenTierWorkflows.Runtime.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.Cli;

/// <summary>The <c>gtw</c> command line against real SQLite files.</summary>
public sealed class GtwCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gtw-cli-").FullName;
    private string Db => Path.Combine(_dir, "runtime.db");
    private static string Sample(string name) => RepoPaths.Fixture(name);

    private static async Task<(int Exit, string Out, string Err)> GtwAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await GtwApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string WriteWorkflow(string name, JsonObject definition)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, definition.ToJsonString());
        return path;
    }

    private static JsonObject WaitingWorkflow() => Wf.Definition("cli-wait", Wf.Flowchart("fc",
    [
        Wf.WriteLine("a", "区县初审"),
        Wf.Activity("wait", "Elsa.Event", ("eventName", Wf.Literal("city-review")), ("result", Wf.OutputTo("Review"))),
        Wf.WriteLine("b", Wf.Js("return '市级评审：' + getReview().outcome", "String")),
    ], Wf.Connection("a", "wait"), Wf.Connection("wait", "b")), Wf.Variable("Review"));

    [Fact]
    public async Task Validate_PassesEveryFileUnderWorkflows_ByDefault()
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoPaths.Root);
        try
        {
            var (exit, output, _) = await GtwAsync("validate");
            Assert.Equal(GtwApp.Ok, exit);
            Assert.Contains("0 个错误", output);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public async Task Validate_ReportsFileAndJsonPath_AndExitsOne_OnErrors()
    {
        var bad = Wf.Definition("bad", Wf.Flowchart("fc",
            [Wf.WriteLine("a", "x"), Wf.Activity("b", "Acme.Unknown"), Wf.Activity("c", "Elsa.Cron", ("cronExpression", Wf.Literal("every day")))],
            Wf.Connection("a", "b")));
        var badFile = WriteWorkflow("bad.json", bad);
        var brokenFile = Path.Combine(_dir, "broken.json");
        File.WriteAllText(brokenFile, "{ \"root\": ");

        var (exit, output, _) = await GtwAsync("validate", badFile, brokenFile);

        Assert.Equal(GtwApp.Invalid, exit);
        Assert.Contains("bad.json: 错误 $.root.activities[1].type: 未知的活动类型 'Acme.Unknown'", output);
        Assert.Contains("$.root.activities[2].cronExpression", output);
        Assert.Contains("broken.json: 错误", output);
    }

    private string CopySample(string name)
    {
        var path = Path.Combine(_dir, name);
        File.Copy(Sample(name), path);
        return path;
    }

    [Fact]
    public async Task Validate_FindsAWorkflowUsedAsActivity_BesideTheFile_AndNamesItWhenMissing()
    {
        var parent = CopySample("composition-passing-data.json");

        var (missingExit, missing, _) = await GtwAsync("validate", parent);
        CopySample("composition-add-text-sub.json");
        var (exit, output, _) = await GtwAsync("validate", parent);

        Assert.Equal(GtwApp.Invalid, missingExit);
        Assert.Contains("$.root.activities[0].workflowDefinitionId", missing);
        Assert.Contains("gtw-add-text", missing);
        Assert.Equal(GtwApp.Ok, exit);
        Assert.Contains("0 个错误", output);
    }

    [Fact]
    public async Task Run_UsesChildWorkflowsBesideTheFile_AsActivityAndThroughExecuteWorkflow()
    {
        CopySample("composition-add-text-sub.json");
        CopySample("execute-workflow-child-output.json");

        var (exit, output, _) = await GtwAsync("run", CopySample("composition-passing-data.json"), "--db", Db);
        var (executeExit, executeOutput, _) = await GtwAsync("run", CopySample("execute-workflow-capture-output.json"), "--db", Db, "--flowchart-mode", "TokenBased");

        Assert.Equal(GtwApp.Ok, exit);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal("Finished", json["subStatus"]!.GetValue<string>());
        Assert.Equal(["hi there obi wan"], json["output"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(GtwApp.Ok, executeExit);
        var executed = JsonNode.Parse(executeOutput)!.AsObject();
        Assert.Equal("Finished", executed["subStatus"]!.GetValue<string>());
        Assert.Equal(["Parent: Before child", "Child output: 42", "Parent received: 42"], executed["output"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_PrintsTheRunObject_ForHelloWorld()
    {
        var (exit, output, _) = await GtwAsync("run", Sample("minimal-greeting.json"));

        Assert.Equal(GtwApp.Ok, exit);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal("gtw-minimal-greeting", json["definitionId"]!.GetValue<string>());
        Assert.Equal("Finished", json["status"]!.GetValue<string>());
        Assert.Equal("Finished", json["subStatus"]!.GetValue<string>());
        Assert.Equal(["你好，绿色制造！"], json["output"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Empty(json["bookmarks"]!.AsArray());
        Assert.Contains(json["journal"]!.AsArray(), j => j!["activityId"]!.GetValue<string>() == "mg-greet" && j["eventName"]!.GetValue<string>() == "Completed");
        foreach (var key in new[] { "version", "instanceId", "variables", "incidents" }) Assert.NotNull(json[key]);
    }

    [Fact]
    public async Task Run_ReadsTheHolidayCalendar_ABrokenFileStopsItNamingFileAndEntry()
    {
        // gtw counts a 公示's working days from calendars/ as the web host does, so it reads and checks the folder first.
        var calendars = Directory.CreateDirectory(Path.Combine(_dir, "calendars")).FullName;
        await File.WriteAllTextAsync(Path.Combine(calendars, "2026.json"), """
            { "year": 2026, "source": "测试", "holidays": [ { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07", "workdays": ["2026-10-09"] } ] }
            """);

        var (exit, output, error) = await GtwAsync("run", Sample("minimal-greeting.json"), "--calendars", calendars);

        Assert.True(exit == GtwApp.Usage, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("2026.json", error);
        Assert.Contains("国庆节", error);
        Assert.Contains("周五", error);

        // The repository's own calendars (found upwards from the working directory) are valid: the same run succeeds.
        var (okExit, okOutput, okError) = await GtwAsync("run", Sample("minimal-greeting.json"), "--calendars", Path.Combine(RepoPaths.Root, "calendars"));
        Assert.True(okExit == GtwApp.Ok, $"exit {okExit}\n{okOutput}\n{okError}");
    }

    [Theory]
    [InlineData("TokenBased", new[] { "甲" })]
    [InlineData("CounterBased", new[] { "甲", "丙" })]
    public async Task Run_UsesTheChosenFlowchartEngine(string mode, string[] expected)
    {
        var (_, output, _) = await GtwAsync("run", Sample("token-merge-untaken-branch.json"), "--flowchart-mode", mode);
        Assert.Equal(expected, JsonNode.Parse(output)!["output"]!.AsArray().Select(x => x!.GetValue<string>()));
    }

    [Fact]
    public async Task RunResumeTrigger_ContinueAnInstanceStoredInSqlite()
    {
        var file = WriteWorkflow("wait.json", WaitingWorkflow());

        var (runExit, runOut, _) = await GtwAsync("run", file, "--db", Db, "--input", "District=歙县");
        var run = JsonNode.Parse(runOut)!.AsObject();
        Assert.Equal(GtwApp.Ok, runExit);
        Assert.Equal("Suspended", run["subStatus"]!.GetValue<string>());
        var bookmark = run["bookmarks"]!.AsArray().Single()!;
        Assert.Equal("Elsa.Event", bookmark["activityType"]!.GetValue<string>());
        Assert.Equal("wait", bookmark["activityId"]!.GetValue<string>());
        Assert.True(File.Exists(Db));

        var (resumeExit, resumeOut, _) = await GtwAsync("resume", "--db", Db, "--bookmark", bookmark["id"]!.GetValue<string>(), "--input", "outcome=退回修改");
        var resumed = JsonNode.Parse(resumeOut)!.AsObject();
        Assert.Equal(GtwApp.Ok, resumeExit);
        Assert.Equal("Finished", resumed["status"]!.GetValue<string>());
        Assert.Equal(["市级评审：退回修改"], resumed["output"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("退回修改", resumed["variables"]!["Review"]!["outcome"]!.GetValue<string>());

        var (againExit, againOut, _) = await GtwAsync("resume", "--db", Db, "--bookmark", bookmark["id"]!.GetValue<string>());
        Assert.Equal(GtwApp.Invalid, againExit);
        Assert.Equal("AlreadyResumed", JsonNode.Parse(againOut)!["result"]!.GetValue<string>());

        var (_, secondOut, _) = await GtwAsync("run", file, "--db", Db);
        Assert.Equal(1, JsonNode.Parse(secondOut)!["version"]!.GetValue<int>());
        var (triggerExit, triggerOut, _) = await GtwAsync("trigger", "--db", Db, "--event", "city-review", "--input", "outcome=通过");
        Assert.Equal(GtwApp.Ok, triggerExit);
        var triggered = JsonNode.Parse(triggerOut)!.AsArray().Single()!;
        Assert.Equal(["市级评审：通过"], triggered["output"]!.AsArray().Select(x => x!.GetValue<string>()));
    }

    [Fact]
    public async Task UsageErrors_ExitTwo_WithAChineseMessage()
    {
        var (exit, _, err) = await GtwAsync("resume", "--bookmark", "x");
        Assert.Equal(GtwApp.Usage, exit);
        Assert.Contains("--db", err);
        Assert.Equal(GtwApp.Usage, (await GtwAsync("frobnicate")).Exit);
        Assert.Equal(GtwApp.Usage, (await GtwAsync("run", "a.json", "--input", "novalue")).Exit);
    }

    [Fact]
    public async Task GtwProcess_RunsAsARealCommand()
    {
        var gtw = Path.Combine(AppContext.BaseDirectory, "gtw.dll");
        Assert.True(File.Exists(gtw), gtw);
        var psi = new ProcessStartInfo("dotnet", [gtw, "run", Sample("counter-waitall-join.json")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(["受理", "区县初审", "材料核验", "汇总"], json["output"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("Finished", json["status"]!.GetValue<string>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
