using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// A decision with PDFs killed mid-way (SIGKILL of <c>GreenTierWorkflows.CrashProbe decide</c>, the decision use case on the
/// app's SQLite file and material folder), then the app started again on the same files: a decision and its attachments
/// are recorded together or not at all, a retry yields one attachment, and the sweep leaves no orphan file.
/// </summary>
public sealed class DecisionCrashTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtw-decision-crash-" + Guid.NewGuid().ToString("N"));
    private const string Category = "审核附件：现场核查";

    [Fact]
    public async Task KilledAfterStoringTheFiles_BeforeTheStepCommits_RecordsNothing_AndTheRetryKeepsOneAttachment()
    {
        var (nominationId, taskId) = await PrepareVerificationTaskAsync("歙县崩溃附件测试企业");
        var record = await WriteUploadAsync("现场核查记录.pdf", 3000);
        var photo = await WriteUploadAsync("现场照片.pdf", 2000);

        var output = await RunProbeUntilAsync(taskId, "stored:2", "paused", record, photo);
        Assert.Equal(2, output.Count(l => l.StartsWith("stored ", StringComparison.Ordinal)));

        await using (var app = await StartAsync())
        {
            var steps = new Officials(app);
            // Nothing of the unrecorded decision is visible: no 审核附件, the task still open, the files only pending.
            Assert.Empty(await AttachmentsAsync(steps, nominationId));
            await steps.OpenTaskAsync("verifier", nominationId, "现场核查");
            Assert.Equal(2, await app.QueryAsync(db => db.Materials.IgnoreQueryFilters().CountAsync(m => m.Category == Category && m.PendingSince != null)));

            // The official retries with the record only: one attachment, recorded with the decision.
            var retried = await steps.DecideWithFilesAsync("verifier", taskId, "通过", "现场核查无异常", (File.ReadAllBytes(record), "现场核查记录.pdf"));
            Assert.True(retried.StatusCode == HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
            var attachments = await AttachmentsAsync(steps, nominationId);
            Assert.Equal(["现场核查记录.pdf"], attachments.Select(m => m["fileName"]!.GetValue<string>()).ToArray());

            // A file whose row was never written (killed between the two), old enough, and one of an upload in flight.
            var materials = Path.Combine(app.DataDirectory, "materials");
            var stray = Path.Combine(materials, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + ".pdf");
            var strayTemp = stray + ".0123.tmp";
            var inFlight = Path.Combine(materials, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + ".pdf");
            foreach (var path in new[] { stray, strayTemp, inFlight }) await File.WriteAllBytesAsync(path, "%PDF-1.4\n"u8.ToArray());
            File.SetLastWriteTimeUtc(stray, DateTime.UtcNow.AddHours(-3));
            File.SetLastWriteTimeUtc(strayTemp, DateTime.UtcNow.AddHours(-3));

            using (var scope = app.Factory.Services.CreateScope())
            {
                var swept = await scope.ServiceProvider.GetRequiredService<MaterialSweeper>().SweepAsync();
                Assert.Equal(2, swept.PendingMaterials);
            }

            Assert.Equal(0, await app.QueryAsync(db => db.Materials.IgnoreQueryFilters().CountAsync(m => m.PendingSince != null)));
            var referenced = await app.QueryAsync(db => db.Materials.IgnoreQueryFilters().Select(m => m.Sha256 + ".pdf").Distinct().ToListAsync());
            var files = Directory.GetFiles(materials).Select(Path.GetFileName).ToList();
            Assert.Equal(referenced.Append(Path.GetFileName(inFlight)).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(Sha(photo) + ".pdf", files);
            Assert.Contains(Sha(record) + ".pdf", files);
            var download = await (await app.ClientAsync("city")).GetAsync($"/api/nominations/{nominationId}/materials/{attachments[0]["id"]}");
            Assert.Equal(File.ReadAllBytes(record), await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task KilledRightAfterTheStepCommitted_KeepsTheDecisionWithItsAttachment()
    {
        var (nominationId, taskId) = await PrepareVerificationTaskAsync("歙县提交后崩溃测试企业");
        var record = await WriteUploadAsync("现场核查记录.pdf", 2500);

        await RunProbeUntilAsync(taskId, "committed", "committed", record);

        await using var app = await StartAsync(); // start-up applies the committed step's effects, then sweeps
        var steps = new Officials(app);
        var task = await app.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal((GreenTierWorkflows.Domain.Tasks.ReviewTaskStatus.Completed, "通过"), (task.Status, task.Outcome));
        var attachments = await AttachmentsAsync(steps, nominationId);
        Assert.Equal(["现场核查记录.pdf"], attachments.Select(m => m["fileName"]!.GetValue<string>()).ToArray());
        var download = await (await app.ClientAsync("city")).GetAsync($"/api/nominations/{nominationId}/materials/{attachments[0]["id"]}");
        Assert.Equal(File.ReadAllBytes(record), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Materials.IgnoreQueryFilters().CountAsync(m => m.PendingSince != null)));
    }

    /// <summary>A nomination at 现场核查 (submitted, approved by the city), with the app stopped afterwards.</summary>
    private async Task<(string NominationId, string TaskId)> PrepareVerificationTaskAsync(string applicant)
    {
        await using var app = await StartAsync();
        var steps = new Officials(app);
        var id = await steps.SubmitAsync("shexian", "341021", applicant);
        await steps.DecideAsAsync("city", id, "市级评审", "通过");
        var task = await steps.OpenTaskAsync("verifier", id, "现场核查");
        return (id, task["id"]!.GetValue<string>());
    }

    private async Task<RestartableApp> StartAsync()
    {
        var app = new RestartableApp(_directory);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Runs the probe until it prints <paramref name="marker"/>, then kills it (SIGKILL); returns what it printed.</summary>
    private async Task<List<string>> RunProbeUntilAsync(string taskId, string stopAt, string marker, params string[] files)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "GreenTierWorkflows.CrashProbe.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { probe, "decide", _directory, taskId, "verifier", "通过", stopAt }.Concat(files)) start.ArgumentList.Add(arg);
        var lines = new List<string>();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow);
                if (line is null)
                {
                    await process.WaitForExitAsync();
                    throw new InvalidOperationException($"The probe ended before \"{marker}\" (exit {process.ExitCode}): {string.Join(" | ", lines)}\n{await errors}");
                }
                lines.Add(line);
                if (line == marker) break;
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true); // SIGKILL: no disposal, no clean-up
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        return lines;
    }

    private async Task<string> WriteUploadAsync(string name, int size)
    {
        var folder = Path.Combine(_directory, "upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        RandomNumberGenerator.Fill(bytes.AsSpan(16));
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<List<JsonObject>> AttachmentsAsync(Officials steps, string nominationId) =>
        (await steps.GetNominationAsync("city", nominationId))["materials"]!.AsArray().Select(m => m!.AsObject())
            .Where(m => m["category"]!.GetValue<string>() == Category).ToList();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The app on this test's data directory, which outlives it (the next start uses the same files).</summary>
    private sealed class RestartableApp(string directory) : NominationFixture(directory), IAsyncDisposable
    {
        protected override bool DeleteDataOnDispose => false;

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }

    /// <summary>The officials' steps over HTTP against one start of the app.</summary>
    private sealed class Officials(NominationFixture app) : NominationSteps(app)
    {
        public Task<string> SubmitAsync(string user, string district, string name) => SubmitNewAsync(user, district, name);
        public Task DecideAsAsync(string user, string nominationId, string stage, string outcome) => DecideAsync(user, nominationId, stage, outcome);
        public Task<JsonObject> OpenTaskAsync(string user, string nominationId, string stage) => TaskAsync(user, nominationId, stage);
        public Task<JsonObject> GetNominationAsync(string user, string id) => NominationAsync(user, id);

        public async Task<HttpResponseMessage> DecideWithFilesAsync(string user, string taskId, string outcome, string? comment, params (byte[] Content, string Name)[] files)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(outcome), "outcome");
            OnSiteChecklist.AddTo(form, outcome);
            if (comment is not null) form.Add(new StringContent(comment), "comment");
            foreach (var (content, name) in files)
            {
                var file = new ByteArrayContent(content);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "files", name);
            }
            return await (await App.ClientAsync(user)).PostAsync($"/api/tasks/{taskId}/decision", form);
        }
    }
}
