using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// Material bytes live in the app's database, once per content (so every scale-out node serves them and a database backup
/// holds them); the files earlier versions wrote under <c>Nominations:MaterialsDirectory</c> are imported at start-up.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class MaterialStorageTests(NominationFixture app) : NominationSteps(app)
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
        Assert.Equal(1, await App.QueryAsync(db => db.MaterialContents.CountAsync(c => c.Sha256 == hash)));
        Assert.Equal(2, await App.QueryAsync(db => db.Materials.CountAsync(m => m.Sha256 == hash)));
        foreach (var id in new[] { first, second })
        {
            var material = (await NominationAsync("shexian", id))["materials"]!.AsArray().Single()!;
            var download = await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{id}/materials/{material["id"]}");
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // Too large: refused with a Chinese message before anything is written.
        var contentsBefore = await App.QueryAsync(db => db.MaterialContents.CountAsync());
        var tooLarge = await UploadAsync("shexian", first, UniquePdf(200_001));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("文件过大", await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal(contentsBefore, await App.QueryAsync(db => db.MaterialContents.CountAsync()));
        Assert.Single((await NominationAsync("shexian", first))["materials"]!.AsArray());
    }

    [Fact]
    public async Task MaterialFilesOfEarlierVersions_AreImportedOnce_DamagedOrMissingOnesAreNot()
    {
        var id = await DraftAsync("shexian", "341021", "歙县旧版材料导入测试企业");
        var legacy = UniquePdf(2500);
        var damaged = UniquePdf(2600);
        var missing = UniquePdf(2700);
        var directory = Path.Combine(Path.GetDirectoryName(App.DatabasePath)!, "materials");
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, Sha256(legacy) + ".pdf"), legacy);
        await File.WriteAllBytesAsync(Path.Combine(directory, Sha256(damaged) + ".pdf"), UniquePdf(2600)); // other bytes under its name
        // As an earlier version left them: material rows whose bytes are only (or not even) on disk.
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

    internal static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
