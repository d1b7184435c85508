using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// Material bytes are stored once per content (SHA-256): as files outside the database on the one-node SQLite setup
/// (<see cref="SqliteMaterialStorageTests"/>), in the shared database on PostgreSQL (<see cref="PostgreSqlMaterialStorageTests"/>).
/// </summary>
public abstract class MaterialStorageTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task SameFileUploadedToTwoDraftsAtOnce_BothRecorded_OneStoredContent_RefusedUploadStoresNothing()
    {
        var first = await DraftAsync("shexian", "341021", "歙县材料去重测试企业甲");
        var second = await DraftAsync("shexian", "341021", "歙县材料去重测试企业乙");
        var pdf = UniquePdf(3000);

        var uploads = await Task.WhenAll(UploadAsync("shexian", first, pdf), UploadAsync("shexian", second, pdf));

        Assert.All(uploads, u => Assert.Equal(HttpStatusCode.Created, u.StatusCode));
        var hash = Sha256(pdf);
        await AssertStoredOnceWhereConfiguredAsync(hash);
        Assert.Equal(2, await App.QueryAsync(db => db.Materials.CountAsync(m => m.Sha256 == hash)));
        foreach (var id in new[] { first, second })
        {
            var material = (await NominationAsync("shexian", id))["materials"]!.AsArray().Single()!;
            var download = await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{id}/materials/{material["id"]}");
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // Too large: refused with a Chinese message before anything is written.
        var tooLargePdf = UniquePdf(200_001);
        var tooLarge = await UploadAsync("shexian", first, tooLargePdf);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("文件过大", await tooLarge.Content.ReadAsStringAsync());
        Assert.False(await ContentStoredAsync(tooLargePdf));
        Assert.Single((await NominationAsync("shexian", first))["materials"]!.AsArray());
    }

    /// <summary>The content is kept exactly once, in the place this setup stores materials, and not in the other.</summary>
    protected abstract Task AssertStoredOnceWhereConfiguredAsync(string sha256);

    protected string MaterialFile(string sha256) => Path.Combine(Path.GetDirectoryName(App.DatabasePath)!, "materials", sha256 + ".pdf");

    protected static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>One node on SQLite: material files outside the database (the default).</summary>
[Collection(NominationCollection.Name)]
public sealed class SqliteMaterialStorageTests(NominationFixture app) : MaterialStorageTests(app)
{
    protected override async Task AssertStoredOnceWhereConfiguredAsync(string sha256)
    {
        Assert.True(File.Exists(MaterialFile(sha256)));
        Assert.Equal(0, await App.QueryAsync(db => db.MaterialContents.CountAsync()));
    }

    [Fact]
    public async Task MaterialWhoseFileIsGone_IsA404WithAChineseMessage()
    {
        var id = await DraftAsync("shexian", "341021", "歙县材料文件丢失测试企业");
        var pdf = UniquePdf(1800);
        var material = await ReadAsync(await UploadAsync("shexian", id, pdf), HttpStatusCode.Created);
        File.Delete(MaterialFile(Sha256(pdf)));

        var download = await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{id}/materials/{material["id"]}");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Contains("材料", System.Text.RegularExpressions.Regex.Unescape(await download.Content.ReadAsStringAsync()));
    }
}

/// <summary>
/// Scale-out on PostgreSQL: contents in the shared database; files of a one-node setup are imported at start-up, and a
/// refused request's take-back cannot delete a content another upload is committing.
/// </summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlMaterialStorageTests(PostgreSqlNominationFixture app) : MaterialStorageTests(app)
{
    protected override async Task AssertStoredOnceWhereConfiguredAsync(string sha256)
    {
        Assert.Equal(1, await App.QueryAsync(db => db.MaterialContents.CountAsync(c => c.Sha256 == sha256)));
        Assert.False(File.Exists(MaterialFile(sha256)));
    }

    [Fact]
    public async Task MaterialFiles_AreImportedIntoTheDatabaseOnce_DamagedOrMissingOnesAreNot()
    {
        var id = await DraftAsync("shexian", "341021", "歙县旧版材料导入测试企业");
        var legacy = UniquePdf(2500);
        var damaged = UniquePdf(2600);
        var missing = UniquePdf(2700);
        Directory.CreateDirectory(Path.GetDirectoryName(MaterialFile(Sha256(legacy)))!);
        await File.WriteAllBytesAsync(MaterialFile(Sha256(legacy)), legacy);
        await File.WriteAllBytesAsync(MaterialFile(Sha256(damaged)), UniquePdf(2600)); // other bytes under its name
        // As a one-node setup (or an earlier version) left them: material rows whose bytes are only (or not even) on disk.
        await App.WithDbAsync(db => db.Materials.AddRange(
            LegacyMaterial(id, "旧版评价报告.pdf", legacy), LegacyMaterial(id, "损坏.pdf", damaged), LegacyMaterial(id, "丢失.pdf", missing)));

        Assert.Equal(1, await ImportAsync());
        Assert.Equal(0, await ImportAsync()); // start-up runs it every time: nothing twice

        var materials = (await NominationAsync("shexian", id))["materials"]!.AsArray().ToDictionary(m => m!["fileName"]!.GetValue<string>(), m => m!["id"]!.GetValue<string>());
        var client = await App.ClientAsync("shexian");
        var imported = await client.GetAsync($"/api/nominations/{id}/materials/{materials["旧版评价报告.pdf"]}");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(legacy, await imported.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/nominations/{id}/materials/{materials["损坏.pdf"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/nominations/{id}/materials/{materials["丢失.pdf"]}")).StatusCode);
    }

    private async Task<int> ImportAsync()
    {
        using var scope = App.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MaterialFileImporter>().ImportAsync();
    }

    private static Material LegacyMaterial(string nominationId, string fileName, byte[] content) => new()
    {
        Id = Guid.NewGuid().ToString("N"), NominationId = nominationId, Category = "评价报告", FileName = fileName, Size = content.Length,
        Sha256 = Sha256(content), UploadedAt = NominationFixture.Now, UploadedBy = "shexian",
    };


    [Fact]
    public async Task TakingBackAMaterial_KeepsTheSharedContent_WhenAnotherUploadOfTheSameFileIsCommitting()
    {
        var refusedOn = await DraftAsync("shexian", "341021", "歙县并发材料测试企业甲");
        var uploadedTo = await DraftAsync("shexian", "341021", "歙县并发材料测试企业乙");
        var pdf = UniquePdf(2200);
        var hash = Sha256(pdf);
        var takenBackId = (await ReadAsync(await UploadAsync("shexian", refusedOn, pdf), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var takenBack = await App.QueryAsync(db => db.Materials.AsNoTracking().SingleAsync(m => m.Id == takenBackId));

        // The second upload of the file stops after writing its rows, before its commit.
        using var uploadScope = App.Factory.Services.CreateScope();
        var pause = new PauseAfterSave();
        var options = new DbContextOptionsBuilder<GreenTierDbContext>(uploadScope.ServiceProvider.GetRequiredService<DbContextOptions<GreenTierDbContext>>())
            .AddInterceptors(pause).Options;
        await using var uploadDb = new GreenTierDbContext(options);
        var contents = ActivatorUtilities.CreateInstance<DatabaseMaterialContentStore>(uploadScope.ServiceProvider, uploadDb);
        var uploader = ActivatorUtilities.CreateInstance<NominationService>(uploadScope.ServiceProvider, uploadDb, (IMaterialContentStore)contents);
        var upload = Task.Run(() => uploader.StoreMaterialAsync(uploadedTo, "评价报告", "评价报告.pdf", new MemoryStream(pdf), pdf.Length, "shexian"));
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Meanwhile a refused request takes back its copy: it has to wait for the upload to end.
        using var removeScope = App.Factory.Services.CreateScope();
        var remove = removeScope.ServiceProvider.GetRequiredService<NominationService>().RemoveStoredMaterialsAsync([takenBack]);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(remove.IsCompleted, "taking back did not wait for the upload of the same content");
        pause.Release.SetResult();
        var stored = await upload;
        await remove.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stored.Ok);
        Assert.False(await App.QueryAsync(db => db.Materials.AnyAsync(m => m.Id == takenBackId)));
        Assert.True(await App.QueryAsync(db => db.MaterialContents.AnyAsync(c => c.Sha256 == hash)), "the committed upload lost its content");
        var download = await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{uploadedTo}/materials/{stored.Value!.Id}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Holds a context's SaveChanges after its statements ran (inside the caller's transaction) until released.</summary>
    private sealed class PauseAfterSave : SaveChangesInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
        {
            Reached.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            return result;
        }
    }
}

