using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// 培育梯度's whole-scope reads (the export, the plan, the notices) take the members a batch at a time, each batch seeking past
/// the last member of the one before: whatever the batch size, every member of the ladder comes exactly once and in the
/// ladder's order (district, name, id), across equal names, district boundaries and the filters. The members are added for
/// the test (equal names in one district, several districts, an exited one) and removed after it.
/// </summary>
public abstract class ReadinessBatchTests(NominationFixture app)
{
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);

    [Fact]
    public async Task MemberBatches_ReadEveryMemberOnce_InTheLaddersOrder_WhateverTheBatchSize()
    {
        int year;
        using (var scope = app.Factory.Services.CreateScope()) year = ChinaTime.CurrentYear(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        // Added in an order unlike the ladder's: five equal names in 屯溪区 (the id breaks the tie), a name sorting first in
        // 黄山区, two in 歙县, and an exited member that the ladder leaves out.
        var added = new List<PoolMembership>
        {
            Member("batch-t3", "341002", "黄山市批次测试企业", year), Member("batch-t1", "341002", "黄山市批次测试企业", year),
            Member("batch-t5", "341002", "黄山市批次测试企业", year), Member("batch-t2", "341002", "黄山市批次测试企业", year),
            Member("batch-t4", "341002", "黄山市批次测试企业", year), Member("batch-h1", "341003", "一批次测试企业", year),
            Member("batch-s2", "341021", "歙县批次测试乙企业", year), Member("batch-s1", "341021", "歙县批次测试甲企业", year + 1),
            Member("batch-x1", "341002", "黄山市批次测试企业", year, exited: true),
        };
        await app.WithDbAsync(db => db.PoolMemberships.AddRange(added));
        try
        {
            foreach (var query in new ReadinessQuery[] { new(), new(District: "341002"), new(Keyword: "批次测试"), new(Type: NominationType.GreenFactory) })
            {
                using var scope = app.Factory.Services.CreateScope();
                var ladder = scope.ServiceProvider.GetRequiredService<ReadinessService>().LadderMembers(City, query);
                var expected = await ladder.Select(m => m.Id).ToListAsync();
                Assert.Equal((query, 5), (query, expected.Count(id => id.StartsWith("batch-t", StringComparison.Ordinal))));
                Assert.DoesNotContain("batch-x1", expected);
                foreach (var size in new[] { 1, 2, 3, 4, 7, expected.Count, expected.Count + 1 })
                {
                    var batches = await ReadinessService.MemberBatchesAsync(ladder, size, CancellationToken.None).ToListAsync();
                    var read = batches.SelectMany(b => b).Select(m => m.Id).ToList();
                    Assert.True(read.SequenceEqual(expected), $"{query}, batches of {size}:\nexpected {string.Join(", ", expected)}\nread     {string.Join(", ", read)}");
                    Assert.All(batches.SkipLast(1), b => Assert.Equal(size, b.Count));
                }
            }
        }
        finally
        {
            var ids = added.ConvertAll(m => m.Id);
            // Through the context, so the dashboard's counts of pool members follow.
            await app.QueryAsync(async db =>
            {
                db.PoolMemberships.RemoveRange(await db.PoolMemberships.Where(m => ids.Contains(m.Id)).ToListAsync());
                return await db.SaveChangesAsync();
            });
        }
    }

    private static PoolMembership Member(string id, string district, string name, int year, bool exited = false) => new()
    {
        Id = id, DistrictCode = district, Year = year, MemberName = name, TargetType = NominationType.GreenFactory,
        EnrolledAt = DateTimeOffset.UtcNow, EnrolledBy = "test", ExitedAt = exited ? DateTimeOffset.UtcNow : null, ExitReason = exited ? "测试出库" : null,
    };
}

[Collection(NominationCollection.Name)]
public sealed class SqliteReadinessBatchTests(NominationFixture app) : ReadinessBatchTests(app);

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlReadinessBatchTests(PostgreSqlNominationFixture app) : ReadinessBatchTests(app);
