using GreenTierWorkflows.Application.Paging;
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
/// How 培育梯度 reads its members at scale. The whole-scope reads (the export, the plan, the notices) take them a batch at a
/// time, each batch seeking past the last member of the one before: whatever the batch size, every member of the ladder
/// comes exactly once and in the ladder's order (district, name, id), across equal names, district boundaries and the
/// filters, and members that next year's enrolments supersede are left out. The members are added for each test (equal
/// names in one district, several districts, an exited one, members enrolled again next year) and removed after it.
/// </summary>
public abstract class LadderReadTests(NominationFixture app)
{
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);

    [Fact]
    public async Task MemberBatches_ReadEveryMemberOnce_InTheLaddersOrder_WhateverTheBatchSize() => await WithMembersAsync(async year =>
    {
        foreach (var query in new ReadinessQuery[] { new(), new(District: "341002"), new(Keyword: "批次测试"), new(Type: NominationType.GreenFactory) })
        {
            using var scope = app.Factory.Services.CreateScope();
            var ladder = scope.ServiceProvider.GetRequiredService<ReadinessService>().LadderMembers(City, query);
            var expected = await ladder.Select(m => m.Id).ToListAsync();
            Assert.Equal((query, 5), (query, expected.Count(id => id.StartsWith("batch-t", StringComparison.Ordinal))));
            Assert.DoesNotContain("batch-x1", expected);
            // Superseded by next year's enrolment (in another district, or twice): only the newer is in the ladder. An exited
            // newer enrolment supersedes nothing.
            Assert.DoesNotContain("batch-e1", expected);
            Assert.DoesNotContain("batch-p2", expected);
            if (query.Type is null) Assert.Contains("batch-p1", expected);
            foreach (var size in new[] { 1, 2, 3, 4, 7, expected.Count, expected.Count + 1 })
            {
                var batches = await ReadinessService.MemberBatchesAsync(ladder, size, CancellationToken.None).ToListAsync();
                var read = batches.SelectMany(b => b).Select(m => m.Id).ToList();
                Assert.True(read.SequenceEqual(expected), $"{query}, batches of {size}:\nexpected {string.Join(", ", expected)}\nread     {string.Join(", ", read)}");
                Assert.All(batches.SkipLast(1), b => Assert.Equal(size, b.Count));
            }
        }
    });

    [Fact]
    public async Task LadderCount_FromTheCounts_EqualsTheMembersListed() => await WithMembersAsync(async year =>
    {
        var tunxi = new Official("t-tunxi", "tunxi", "屯溪区工信局", [Roles.District], "341002");
        foreach (var who in new[] { City, tunxi })
            foreach (var query in new ReadinessQuery[]
            {
                new(), new(District: "341002"), new(District: "341021"), new(Type: NominationType.GreenFactory), new(Type: NominationType.GreenPark),
                new(Keyword: "批次测试"), new(District: "341002", Type: NominationType.GreenPark),
            })
            {
                using var scope = app.Factory.Services.CreateScope();
                var readiness = scope.ServiceProvider.GetRequiredService<ReadinessService>();
                var listed = await readiness.LadderMembers(who, query).CountAsync();
                var counted = (await readiness.CountAsync(who, query)).Value;
                var page = (await readiness.PageAsync(who, query, new PageRequest(1, 20))).Value!;
                Assert.Equal((who.UserName, query, listed, listed), (who.UserName, query, counted, page.Total!.Value));
            }
        using (var scope = app.Factory.Services.CreateScope())
        {
            // The superseded are found from next year's side: an enterprise enrolled again in another district, a park enrolled
            // again twice (counted once); not a park whose next year's enrolment has exited.
            var superseded = await scope.ServiceProvider.GetRequiredService<ReadinessService>().Superseded(City, year, null, null)
                .Where(m => m.Id.StartsWith("batch-")).Select(m => m.Id).ToListAsync();
            Assert.Equal(["batch-e1", "batch-p2"], superseded.Order(StringComparer.Ordinal));
        }
    });

    /// <summary>
    /// Runs <paramref name="test"/> with members added in an order unlike the ladder's: five equal names in 屯溪区 (the id
    /// breaks the tie), a name sorting first in 黄山区, two in 歙县, an exited member the ladder leaves out, and members that
    /// next year's enrolments supersede (an enterprise enrolled again in another district; a park enrolled again twice) or
    /// not (a park whose next year's enrolment has exited); they are removed after it, through the context, so the
    /// dashboard's counts of pool members follow.
    /// </summary>
    private async Task WithMembersAsync(Func<int, Task> test)
    {
        int year;
        using (var scope = app.Factory.Services.CreateScope()) year = ChinaTime.CurrentYear(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var added = new List<PoolMembership>
        {
            Member("batch-t3", "341002", "黄山市批次测试企业", year), Member("batch-t1", "341002", "黄山市批次测试企业", year),
            Member("batch-t5", "341002", "黄山市批次测试企业", year), Member("batch-t2", "341002", "黄山市批次测试企业", year),
            Member("batch-t4", "341002", "黄山市批次测试企业", year), Member("batch-h1", "341003", "一批次测试企业", year),
            Member("batch-s2", "341021", "歙县批次测试乙企业", year), Member("batch-s1", "341021", "歙县批次测试甲企业", year + 1),
            Member("batch-x1", "341002", "黄山市批次测试企业", year, exited: true),
            Member("batch-e1", "341002", "屯溪批次测试迁出企业", year, enterprise: "batch-ent-1"),
            Member("batch-e1n", "341021", "屯溪批次测试迁出企业", year + 1, enterprise: "batch-ent-1"),
            Member("batch-p1", "341002", "屯溪批次测试园区甲", year, park: "batch-park-1", type: NominationType.GreenPark),
            Member("batch-p1n", "341002", "屯溪批次测试园区甲", year + 1, park: "batch-park-1", type: NominationType.GreenPark, exited: true),
            Member("batch-p2", "341002", "屯溪批次测试园区乙", year, park: "batch-park-2", type: NominationType.GreenPark),
            Member("batch-p2n", "341002", "屯溪批次测试园区乙", year + 1, park: "batch-park-2", type: NominationType.GreenPark),
            Member("batch-p2m", "341002", "屯溪批次测试园区乙", year + 1, park: "batch-park-2", type: NominationType.GreenFactory),
        };
        await app.WithDbAsync(db => db.PoolMemberships.AddRange(added));
        try
        {
            await test(year);
        }
        finally
        {
            var ids = added.ConvertAll(m => m.Id);
            await app.QueryAsync(async db =>
            {
                db.PoolMemberships.RemoveRange(await db.PoolMemberships.Where(m => ids.Contains(m.Id)).ToListAsync());
                return await db.SaveChangesAsync();
            });
        }
    }

    private static PoolMembership Member(string id, string district, string name, int year, bool exited = false, string? enterprise = null,
        string? park = null, NominationType type = NominationType.GreenFactory) => new()
    {
        Id = id, DistrictCode = district, Year = year, MemberName = name, TargetType = type, EnterpriseId = enterprise, ParkId = park,
        EnrolledAt = DateTimeOffset.UtcNow, EnrolledBy = "test", ExitedAt = exited ? DateTimeOffset.UtcNow : null, ExitReason = exited ? "测试出库" : null,
    };
}

[Collection(NominationCollection.Name)]
public sealed class SqliteLadderReadTests(NominationFixture app) : LadderReadTests(app);

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlLadderReadTests(PostgreSqlNominationFixture app) : LadderReadTests(app);
