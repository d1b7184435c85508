using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Bench;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Bench.Tests;

/// <summary>
/// The national data generator at a small size (issue 20): <c>--seed-national 40 --copies 5</c> (200 nominations) on SQLite
/// and on PostgreSQL. The use-case-built nominations end at the stages the README promises (of 40: 2 草稿, 12 市级评审, 6 at
/// 现场核查 incl. the two city-tier ones, 4 市级推荐, 4 省级评审, 4 past it, 4 市级评审未通过, 2 退回修改, 2 现场核查未通过), the
/// copies repeat them; the running app (its Release build, its own process on 127.0.0.1) lists, searches and counts the
/// copies like the originals, and a task the use cases built can be decided over HTTP.
/// </summary>
public sealed class NationalGeneratorTests
{
    private const int Seeded = 40;
    private const int Copies = 5;

    [Fact]
    public async Task Generator_40x5_OnSqlite_BuildsEveryStage_AndTheAppServesIt()
    {
        var directory = Directory.CreateTempSubdirectory("gtw-generator-test-");
        try
        {
            await GenerateAndCheckAsync(new SeedTarget(directory.FullName, null));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Generator_40x5_OnPostgreSql_BuildsEveryStage_AndTheAppServesIt()
    {
        using var database = new TestPostgresDatabase();
        var directory = Directory.CreateTempSubdirectory("gtw-generator-test-pg-");
        try
        {
            await GenerateAndCheckAsync(new SeedTarget(directory.FullName, database.ConnectionString));
        }
        finally
        {
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task GenerateAndCheckAsync(SeedTarget target)
    {
        var log = new List<string>();
        var result = await NationalSeeder.RunAsync(RepoPaths.Root, target, Seeded, Copies, workers: 2, m => { lock (log) log.Add(m); });
        Assert.Equal(Seeded, result.Nominations);
        Assert.Equal(Copies, result.Copies);

        var year = ChinaTime.CurrentYear(TimeProvider.System);
        var database = target.PostgreSql is null ? AppDatabase.Sqlite(Path.Combine(target.DataDirectory, "greentier.db")) : AppDatabase.PostgreSql(target.PostgreSql);
        var options = database.Configure(new DbContextOptionsBuilder<GreenTierDbContext>()).Options;
        Dictionary<string, int> stages;
        int rejected;
        await using (var db = new GreenTierDbContext((DbContextOptions<GreenTierDbContext>)options))
        {
            var rows = await db.Nominations.AsNoTracking().Where(n => n.Year == year).Select(n => new { n.Stage, n.Status }).ToListAsync();
            Assert.Equal(Seeded * Copies, rows.Count);
            stages = rows.GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Count());
            rejected = rows.Count(r => r.Status == NominationStatus.Rejected);
        }
        var shown = string.Join(", ", stages.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}"));
        foreach (var (stage, ofForty) in new[]
                 {
                     (StageNames.Draft, 2), (StageNames.CityReview, 12), (StageNames.OnSiteVerification, 6), (StageNames.Revision, 2),
                     (StageNames.CityReviewFailed, 4), (StageNames.OnSiteVerificationFailed, 2),
                 })
            Assert.True(stages.GetValueOrDefault(stage) == ofForty * Copies, $"{stage}: expected {ofForty * Copies} of {Seeded * Copies}; stages: {shown}");
        Assert.True(rejected == 6 * Copies, $"不通过: expected {6 * Copies}, found {rejected}; stages: {shown}");
        // 市级推荐, 省级评审 and beyond: the remaining 12 of 40 (4 + 4 + 4), however far each path has come.
        Assert.Equal(12 * Copies, Seeded * Copies - stages.Where(s => s.Key is StageNames.Draft or StageNames.CityReview or StageNames.OnSiteVerification
            or StageNames.Revision or StageNames.CityReviewFailed or StageNames.OnSiteVerificationFailed).Sum(s => s.Value));

        var (app, url, _) = await LoadHarness.StartAppAsync(RepoPaths.Root, target, null, m => { lock (log) log.Add(m); });
        try
        {
            using var city = await LoadHarness.SignInAsync(url, "city");
            Assert.Equal(Seeded * Copies, (int)(await LoadHarness.GetJsonAsync(city, $"/api/nominations?year={year}&pageSize=1"))["total"]!);
            // Copy 2 of every seeded enterprise is named 「…第2分厂有限公司」: listed and found by keyword like the originals.
            var copy2 = await LoadHarness.GetJsonAsync(city, $"/api/nominations?year={year}&keyword={Uri.EscapeDataString("第2分厂")}&pageSize=100");
            Assert.Equal(Seeded, (int)copy2["total"]!);
            Assert.All(copy2["items"]!.AsArray(), n => Assert.EndsWith("~2", (string)n!["id"]!, StringComparison.Ordinal));
            Assert.True((int)(await LoadHarness.GetJsonAsync(city, $"/api/pools?year={year}&pageSize=1"))["total"]! >= Seeded * Copies);

            var decidable = await LoadHarness.DecidableTasksAsync(city, 1);
            Assert.Single(decidable);
            using var decided = await city.PostAsJsonAsync($"/api/tasks/{decidable[0]}/complete", new { outcome = "通过", comment = (string?)null });
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{(int)decided.StatusCode} {await decided.Content.ReadAsStringAsync()}");
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            app.Dispose();
        }
    }
}
