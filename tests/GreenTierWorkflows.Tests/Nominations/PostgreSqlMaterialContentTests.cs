using System.Net;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// Material contents are shared by hash. On PostgreSQL transactions run side by side, so a refused request taking back
/// its copy of a file must not delete the content while another upload of the same file is committing.
/// </summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlMaterialContentTests(PostgreSqlNominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task TakingBackAMaterial_KeepsTheSharedContent_WhenAnotherUploadOfTheSameFileIsCommitting()
    {
        var refusedOn = await DraftAsync("shexian", "341021", "歙县并发材料测试企业甲");
        var uploadedTo = await DraftAsync("shexian", "341021", "歙县并发材料测试企业乙");
        var pdf = UniquePdf(2200);
        var hash = MaterialStorageTests.Sha256(pdf);
        var takenBackId = (await ReadAsync(await UploadAsync("shexian", refusedOn, pdf), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var takenBack = await App.QueryAsync(db => db.Materials.AsNoTracking().SingleAsync(m => m.Id == takenBackId));

        // The second upload of the file stops after writing its rows, before its commit.
        using var uploadScope = App.Factory.Services.CreateScope();
        var pause = new PauseAfterSave();
        var options = new DbContextOptionsBuilder<GreenTierDbContext>(uploadScope.ServiceProvider.GetRequiredService<DbContextOptions<GreenTierDbContext>>())
            .AddInterceptors(pause).Options;
        await using var uploadDb = new GreenTierDbContext(options);
        var uploader = ActivatorUtilities.CreateInstance<NominationService>(uploadScope.ServiceProvider, uploadDb);
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
