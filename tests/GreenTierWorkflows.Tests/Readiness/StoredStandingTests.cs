using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// 培育梯度's standing filter (e.g. 省级有差距) and the plan select members by their stored standings. These tests hold the
/// stored rows to the assessment itself: for every tier and standing, the filtered list and its count are the members whose
/// fresh assessment has that standing; a change to a member's facts (a listing, an enterprise's certificate) is recorded in
/// its own save and seen by the next filtered read without assessing the city again; an edited window starts a new
/// generation, and the next read assesses every member under it.
/// </summary>
public abstract class StoredStandingTests(NominationFixture app)
{
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);
    protected NominationFixture App => app;
    private static readonly Official Tunxi = new("t-tunxi", "tunxi", "屯溪区工信局", [Roles.District], "341002");

    [Fact]
    public async Task StandingFilter_ListsAndCountsExactlyTheMembersWhoseFreshAssessmentHasThatStanding()
    {
        foreach (var who in new[] { City, Tunxi })
        {
            var fresh = await FreshAsync(who);
            Assert.NotEmpty(fresh);
            var seen = 0;
            foreach (var tier in new[] { Tier.City, Tier.Province, Tier.National })
                foreach (var standing in Enum.GetValues<TierStanding>())
                {
                    var expected = fresh.Where(r => r.Cell(tier)?.Standing == standing).Select(r => r.MemberId).ToList();
                    var query = new ReadinessQuery(Tier: tier, Standing: standing);
                    var (listed, counted) = await FilteredAsync(who, query);
                    Assert.True(expected.SequenceEqual(listed),
                        $"{who.UserName} {tier} {standing}:\nassessed {string.Join(", ", expected)}\nfiltered {string.Join(", ", listed)}");
                    Assert.Equal((who.UserName, tier, standing, expected.Count), (who.UserName, tier, standing, counted));
                    seen += expected.Count;
                }
            // Every member stands somewhere in every configured tier: the filters together cover the ladder once per tier.
            Assert.Equal(fresh.Count * 3, seen);
        }
    }

    [Fact]
    public async Task AListingAddedAndRevoked_IsSeenByTheNextFilteredRead_WithoutAssessingTheCityAgain()
    {
        var query = new ReadinessQuery(Tier: Tier.Province, Standing: TierStanding.Listed);
        var member = (await FreshAsync(City)).First(r => r.EnterpriseId is not null && r.Cell(Tier.Province)?.Standing is not TierStanding.Listed);
        Assert.DoesNotContain(member.MemberId, (await FilteredAsync(City, query)).Ids);
        var built = await GenerationsAsync();

        var listing = new Listing
        {
            Id = "standing-test-listing", Type = member.Type, Tier = Tier.Province, EnterpriseId = member.EnterpriseId, ApplicantName = member.MemberName,
            DistrictCode = member.DistrictCode, Year = 2025, ListedOn = new DateOnly(2025, 12, 1), Status = ListingStatus.Active,
        };
        await app.WithDbAsync(db => db.Listings.Add(listing));
        try
        {
            Assert.Contains("e:" + member.EnterpriseId, await PendingAsync());
            Assert.Contains(member.MemberId, (await FilteredAsync(City, query)).Ids);
            Assert.DoesNotContain(member.MemberId, (await FilteredAsync(City, query with { Standing = TierStanding.Gaps })).Ids);
            Assert.Empty(await PendingAsync());

            await app.QueryAsync(async db =>
            {
                var row = await db.Listings.SingleAsync(l => l.Id == listing.Id);
                row.Status = ListingStatus.Revoked;
                row.RevokedAt = app.Clock.GetUtcNow().AddYears(-5);
                return await db.SaveChangesAsync();
            });
            Assert.DoesNotContain(member.MemberId, (await FilteredAsync(City, query)).Ids);
            Assert.Equal(member.Cell(Tier.Province)!.Standing, (await FreshAsync(City)).Single(r => r.MemberId == member.MemberId).Cell(Tier.Province)!.Standing);
            // The same generation throughout: the changes were assessed one member at a time, not the city again.
            Assert.Equal(built, await GenerationsAsync());
        }
        finally
        {
            await app.QueryAsync(async db => await db.Listings.Where(l => l.Id == listing.Id).ExecuteDeleteAsync());
            await app.WithDbAsync(db => db.MemberStandingInvalidations.Add(new() { Subject = "e:" + member.EnterpriseId }));
        }
    }

    [Fact]
    public async Task TheWorkbook_ReadFromTodaysStandings_HasTheRowsOfAFreshAssessment_WithTheFollowUpsAsTheyAreNow()
    {
        // A follow-up written just now: follow-ups are read with the rows, not kept with the standings.
        var member = (await FreshAsync(Tunxi)).First(r => r.Checklist.Count > 0);
        await UseAsync(r => r.RefreshStandingsAsync());
        await app.WithDbAsync(db => db.GapFollowUps.Add(new GapFollowUp
        {
            Id = "sheet-test-follow-up", PoolMembershipId = member.MemberId, DistrictCode = member.DistrictCode, CriterionKey = member.Checklist[0].Key,
            Guidance = "请补充近三年能耗数据", Assignee = "王工", DueOn = new DateOnly(2027, 3, 1), UpdatedAt = app.Clock.GetUtcNow(), UpdatedBy = "屯溪区工信局",
        }));
        try
        {
            Assert.Empty(await PendingAsync());
            foreach (var who in new[] { City, Tunxi })
                foreach (var query in new ReadinessQuery?[]
                {
                    null, new(Tier: Tier.Province, Standing: member.Cell(Tier.Province)!.Standing), new(District: "341002"), new(Type: NominationType.GreenFactory),
                    new(Keyword: member.MemberName[..2]),
                })
                {
                    var expected = (await FreshAsync(who, query)).ConvertAll(ReadinessSheetRow.Of);
                    Assert.True(expected.Count > 0, $"{who.UserName} {query}: no rows to compare");
                    AssertSameRows(expected, await SheetAsync(who, query), $"{who.UserName} {query}");
                }
            var row = (await SheetAsync(Tunxi)).Single(r => r.MemberId == member.MemberId);
            Assert.Contains("王工，2027-03-01 前；请补充近三年能耗数据", row.FollowUps);
            Assert.StartsWith(member.Checklist[0].Name, row.Checklist);
        }
        finally
        {
            await app.QueryAsync(db => db.GapFollowUps.Where(f => f.Id == "sheet-test-follow-up").ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task OnceTodaysStandingsAreBuilt_TheWorkbookReadsThem_AndAChangeSavedSinceIsInIt()
    {
        await UseAsync(r => r.RefreshStandingsAsync());
        var fresh = await FreshAsync(Tunxi);
        var (stored, unstored, other) = (fresh[0], fresh[1], fresh.First(r => r.EnterpriseId is not null && r.Cell(Tier.Province)?.Standing is not TierStanding.Listed));
        // A stored checklist altered behind the application's back shows in the workbook: its rows are the stored ones.
        await app.QueryAsync(db => db.MemberStandings.Where(s => s.Id == stored.MemberId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Checklist, "（存档的清单）")));
        // A member without a stored row (enrolled after the rows were read current) is assessed for the workbook.
        await app.QueryAsync(db => db.MemberStandings.Where(s => s.Id == unstored.MemberId).ExecuteDeleteAsync());
        var listing = new Listing
        {
            Id = "sheet-test-listing", Type = other.Type, Tier = Tier.Province, EnterpriseId = other.EnterpriseId, ApplicantName = other.MemberName,
            DistrictCode = other.DistrictCode, Year = 2025, ListedOn = new DateOnly(2025, 12, 1), Status = ListingStatus.Active,
        };
        try
        {
            var sheet = await SheetAsync(Tunxi);
            Assert.Equal("（存档的清单）", sheet.Single(r => r.MemberId == stored.MemberId).Checklist);
            Assert.Equal(ReadinessSheetRow.Of(unstored), sheet.Single(r => r.MemberId == unstored.MemberId));
            Assert.Equal(fresh.Select(r => r.MemberId), sheet.Select(r => r.MemberId));
            // A listing saved since the rows were built: its save recorded the enterprise, and the workbook's read assessed it again.
            await app.WithDbAsync(db => db.Listings.Add(listing));
            var row = (await SheetAsync(Tunxi)).Single(r => r.MemberId == other.MemberId);
            Assert.Equal(("已列入", "已列入"), (row.City, row.Province));
            Assert.Empty(await PendingAsync());
        }
        finally
        {
            await app.QueryAsync(db => db.Listings.Where(l => l.Id == listing.Id).ExecuteDeleteAsync());
            await app.WithDbAsync(db => db.MemberStandingInvalidations.AddRange(new() { Subject = "m:" + stored.MemberId }, new() { Subject = "m:" + unstored.MemberId },
                new() { Subject = "e:" + other.EnterpriseId }));
        }
        AssertSameRows((await FreshAsync(Tunxi)).ConvertAll(ReadinessSheetRow.Of), await SheetAsync(Tunxi), "after the changes were undone");
    }

    [Fact]
    public async Task BeforeTodaysStandingsAreBuilt_TheWorkbookAssessesItsMembers_AndDoesNotWaitForTheCitysRebuild()
    {
        var generation = await UseAsync(r => r.RefreshStandingsAsync());
        // Today's generation not built (the night's job missed), its rows still there and wrong: the workbook reads neither.
        await app.QueryAsync(db => db.MemberStandingGenerations.ExecuteDeleteAsync());
        await app.QueryAsync(db => db.MemberStandings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Checklist, "（未建成的清单）")));
        try
        {
            var sheet = await SheetAsync(City);
            AssertSameRows((await FreshAsync(City)).ConvertAll(ReadinessSheetRow.Of), sheet, "city, standings not built");
            Assert.DoesNotContain(sheet, r => r.Checklist == "（未建成的清单）");
            Assert.Empty(await GenerationsAsync());
        }
        finally
        {
            Assert.Equal(generation, await UseAsync(r => r.RefreshStandingsAsync()));
        }
        Assert.Equal(0, await app.QueryAsync(db => db.MemberStandings.CountAsync(s => s.Checklist == "（未建成的清单）")));
    }

    [Fact]
    public async Task ACertificateChangedInsideItsEnterprise_RecordsTheEnterprise()
    {
        var enterprise = (await FreshAsync(City)).First(r => r.EnterpriseId is not null).EnterpriseId!;
        await FilteredAsync(City, new ReadinessQuery(Tier: Tier.City, Standing: TierStanding.Ready));
        Assert.Empty(await PendingAsync());
        // Only the owned certificate changes (a JSON column): the enterprise's own row is not marked modified by it.
        await app.QueryAsync(async db =>
        {
            var e = await db.Enterprises.SingleAsync(x => x.Id == enterprise);
            e.Certifications.Add(new Certification { Standard = "GB/T 99999", CertificateNumber = "STANDING-TEST", ExpiresOn = new DateOnly(2030, 1, 1) });
            return await db.SaveChangesAsync();
        });
        try
        {
            Assert.Equal(["e:" + enterprise], await PendingAsync());
        }
        finally
        {
            await app.QueryAsync(async db =>
            {
                var e = await db.Enterprises.SingleAsync(x => x.Id == enterprise);
                e.Certifications.RemoveAll(c => c.CertificateNumber == "STANDING-TEST");
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task AWindowEdited_StartsANewGeneration_AndTheNextReadAssessesEveryMemberUnderIt()
    {
        await FilteredAsync(City, new ReadinessQuery(Tier: Tier.Province, Standing: TierStanding.Gaps));
        var before = Assert.Single(await GenerationsAsync());
        var round = await UseAsync(r => r.RoundYearAsync());
        // A stored window of the round (not the provincial green-factory one, which decides the round) opens a day earlier.
        var window = await app.QueryAsync(db => db.DeclarationWindows.AsNoTracking().FirstAsync(w => w.Year == round && w.Type == NominationType.GreenSupplyChain));
        await ShiftAsync(window.Id, TimeSpan.FromDays(-1));
        try
        {
            var fresh = await FreshAsync(City);
            var (listed, _) = await FilteredAsync(City, new ReadinessQuery(Tier: Tier.Province, Standing: TierStanding.Gaps));
            Assert.Equal(fresh.Where(r => r.Cell(Tier.Province)?.Standing == TierStanding.Gaps).Select(r => r.MemberId), listed);
            var after = Assert.Single(await GenerationsAsync());
            Assert.NotEqual(before.Generation, after.Generation);
            Assert.Equal(await app.QueryAsync(db => db.MemberStandings.CountAsync(s => s.Generation == after.Generation)), after.Members);
            Assert.Equal(0, await app.QueryAsync(db => db.MemberStandings.CountAsync(s => s.Generation != after.Generation)));
        }
        finally
        {
            await ShiftAsync(window.Id, TimeSpan.FromDays(1));
        }
        Assert.Equal(before.Generation, await UseAsync(r => r.RefreshStandingsAsync()));
    }

    [Fact]
    public async Task AWindowMoved_HasTheStandingsRebuiltInTheBackground_BeforeAnyoneReadsThem()
    {
        await FilteredAsync(City, new ReadinessQuery(Tier: Tier.Province, Standing: TierStanding.Gaps));
        var before = Assert.Single(await GenerationsAsync()).Generation;
        var round = await UseAsync(r => r.RoundYearAsync());
        var window = await app.QueryAsync(db => db.DeclarationWindows.AsNoTracking().FirstAsync(w => w.Year == round && w.Type == NominationType.GreenSupplyChain));
        try
        {
            // Only the window moves; nobody reads the ladder: the save itself starts the rebuild for the new generation.
            await ShiftAsync(window.Id, TimeSpan.FromDays(-2));
            var moved = await UseAsync(r => r.StandingGenerationAsync(round, CancellationToken.None));
            Assert.NotEqual(before, moved);
            await BuiltInTheBackgroundAsync(moved);
        }
        finally
        {
            await ShiftAsync(window.Id, TimeSpan.FromDays(2));
        }
        await BuiltInTheBackgroundAsync(before);

        // A save that does not move a window (its state, its notes) starts nothing.
        await NoRebuildRunningAsync();
        var rebuilds = app.Factory.Services.GetRequiredService<StandingRebuildOnWindowChange>();
        await app.QueryAsync(async db =>
        {
            var row = await db.DeclarationWindows.SingleAsync(w => w.Id == window.Id);
            row.UpdatedAt = row.UpdatedAt.AddSeconds(1);
            return await db.SaveChangesAsync();
        });
        Assert.False(rebuilds.Busy);
    }

    /// <summary>Waits (up to two minutes, polling) until no rebuild started by a moved window runs or is asked for.</summary>
    private async Task NoRebuildRunningAsync()
    {
        var rebuilds = app.Factory.Services.GetRequiredService<StandingRebuildOnWindowChange>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (rebuilds.Busy)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(2)) Assert.Fail($"a rebuild after a moved window still runs after {watch.Elapsed}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits (up to two minutes, polling) until <paramref name="generation"/> is the one built generation, without reading the ladder.</summary>
    private async Task BuiltInTheBackgroundAsync(string generation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var built = await GenerationsAsync();
            if (built.Count == 1 && built[0].Generation == generation) return;
            if (watch.Elapsed > TimeSpan.FromMinutes(2))
                Assert.Fail($"generation {generation} not built in the background after {watch.Elapsed}; built: {string.Join(", ", built.Select(g => g.Generation))}");
            await Task.Delay(100);
        }
    }

    private Task ShiftAsync(string windowId, TimeSpan by) => app.QueryAsync(async db =>
    {
        var window = await db.DeclarationWindows.SingleAsync(w => w.Id == windowId);
        window.OpensAt += by;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task AMemberSupersededByNextYearsEnrolment_LeavesTheStandings_AndComesBackWhenThatEnrolmentExits()
    {
        var member = (await FreshAsync(City)).First(r => r.EnterpriseId is not null);
        Assert.Equal(await LadderIdsAsync(), await StandingIdsAsync());
        var thisYear = await app.QueryAsync(db => db.PoolMemberships.AsNoTracking().SingleAsync(m => m.Id == member.MemberId));
        var next = new Domain.Pools.PoolMembership
        {
            Id = "standing-test-next-year", DistrictCode = thisYear.DistrictCode, Year = thisYear.Year + 1, EnterpriseId = thisYear.EnterpriseId,
            MemberName = thisYear.MemberName, TargetType = thisYear.TargetType, EnrolledAt = app.Clock.GetUtcNow(), EnrolledBy = "test",
        };
        await app.WithDbAsync(db => db.PoolMemberships.Add(next));
        try
        {
            var standings = await StandingIdsAsync();
            Assert.Contains(next.Id, standings);
            Assert.DoesNotContain(member.MemberId, standings);
            Assert.Equal(await LadderIdsAsync(), standings);

            await app.QueryAsync(async db =>
            {
                var row = await db.PoolMemberships.SingleAsync(m => m.Id == next.Id);
                row.ExitedAt = app.Clock.GetUtcNow();
                row.ExitReason = "测试出库";
                return await db.SaveChangesAsync();
            });
            standings = await StandingIdsAsync();
            Assert.DoesNotContain(next.Id, standings);
            Assert.Contains(member.MemberId, standings);
            Assert.Equal(await LadderIdsAsync(), standings);
        }
        finally
        {
            await app.QueryAsync(async db =>
            {
                db.PoolMemberships.Remove(await db.PoolMemberships.SingleAsync(m => m.Id == next.Id));
                return await db.SaveChangesAsync();
            });
        }
        Assert.Equal(await LadderIdsAsync(), await StandingIdsAsync());
    }

    [Fact]
    public async Task ReadInBatchesOfThree_TheLadderAndItsRebuiltStandingsAreThoseOfOneBatch()
    {
        // Many batches: each batch's assessment overlaps the reading of the next and the writing of the one before.
        var whole = await FreshAsync(City);
        Assert.True(whole.Count > 9, $"the demo ladder has {whole.Count} members");
        var generation = await UseAsync(r => r.RefreshStandingsAsync());
        var stored = await StoredAsync(generation);

        var batched = await UseAsync(async r =>
        {
            r.BatchSize = 3;
            var rows = new List<MemberReadiness>();
            await foreach (var batch in (await r.BatchesAsync(City, null)).Value!.Rows) rows.AddRange(batch);
            return rows;
        });
        Assert.Equal(whole.Select(Summary), batched.Select(Summary));

        // The same generation built again three members at a time, over the rows built in one batch (each overwritten in place).
        await app.QueryAsync(db => db.MemberStandingGenerations.ExecuteDeleteAsync());
        Assert.Equal(generation, await UseAsync(r => { r.BatchSize = 3; return r.RefreshStandingsAsync(); }));
        Assert.Equal(stored, await StoredAsync(generation));
        Assert.Equal(whole.Count, Assert.Single(await GenerationsAsync()).Members);
    }

    private static string Summary(MemberReadiness r) =>
        $"{r.MemberId} {r.Cell(Tier.City)?.Standing} {r.Cell(Tier.Province)?.Standing} {r.Cell(Tier.National)?.Standing} {r.Checklist.Count} {r.FollowUps.Count}";

    private Task<List<string>> StoredAsync(string generation) => app.QueryAsync(async db =>
        (await db.MemberStandings.AsNoTracking().Where(s => s.Generation == generation).ToListAsync())
            .Select(s => $"{s.Id} {s.DistrictCode} {s.MemberName} {s.TargetType} {s.City} {s.Province} {s.National}").Order(StringComparer.Ordinal).ToList());

    [Fact]
    public async Task TwoNodesWritingTheSameMembersAtOnceInOppositeOrders_BothSucceed_AndEachMemberHasOneRow()
    {
        // A rebuild removes the rows of other generations: none may still be running from an earlier test's moved window.
        await NoRebuildRunningAsync();
        var ids = Enumerable.Range(0, 3000).Select(i => $"standing-test-concurrent-{i:D4}").ToList();
        List<Domain.Pools.MemberStanding> Rows(int standing) => [.. ids.Select(id => new Domain.Pools.MemberStanding
        {
            Id = id, Generation = "standing-test", DistrictCode = "341002", MemberName = id, TargetType = NominationType.GreenFactory,
            City = standing, Province = standing, National = null,
        })];
        try
        {
            for (var round = 0; round < 5; round++)
            {
                // The second writer hands its rows over in the opposite order: the store locks them in one order whatever it is given.
                var writes = new[] { 1, 2 }.Select(standing => Task.Run(() => app.QueryAsync(async db =>
                {
                    var rows = Rows(standing);
                    if (standing == 2) rows.Reverse();
                    await MemberStandingStore.ReplaceAsync(db, [], rows);
                    return 0;
                })));
                await Task.WhenAll(writes);
                var rows = await app.QueryAsync(db => db.MemberStandings.AsNoTracking().Where(s => s.Generation == "standing-test").ToListAsync());
                Assert.Equal(ids, rows.Select(r => r.Id).Order(StringComparer.Ordinal));
                // Each node's batch is one transaction: the rows are all one node's, never a mix.
                Assert.Single(rows.Select(r => r.City).Distinct());
            }
            await app.QueryAsync(async db => { await MemberStandingStore.ReplaceAsync(db, ids[..10], []); return 0; });
            Assert.Equal(ids.Count - 10, await app.QueryAsync(db => db.MemberStandings.CountAsync(s => s.Generation == "standing-test")));
        }
        finally
        {
            await app.QueryAsync(db => db.MemberStandings.Where(s => s.Generation == "standing-test").ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task ARebuildOnOneNode_MakesAnotherNodeWait_OnPostgreSql()
    {
        using var first = app.Factory.Services.CreateScope();
        using var second = app.Factory.Services.CreateScope();
        var (a, b) = (first.ServiceProvider.GetRequiredService<GreenTierDbContext>(), second.ServiceProvider.GetRequiredService<GreenTierDbContext>());
        var held = await MemberStandingStore.RebuildLockAsync(a);
        var waiting = MemberStandingStore.RebuildLockAsync(b);
        if (!a.Database.IsNpgsql())
        {
            // One node per SQLite file: nothing to wait for.
            Assert.True(waiting.IsCompletedSuccessfully);
            await held.DisposeAsync();
            await (await waiting).DisposeAsync();
            return;
        }
        var lockedOut = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(1.5)));
        Assert.NotSame(waiting, lockedOut);
        await held.DisposeAsync();
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        await next.DisposeAsync();
        // Released: a third taker gets it at once.
        await (await MemberStandingStore.RebuildLockAsync(a).WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }

    /// <summary>The ids of the city's ladder, sorted.</summary>
    private Task<List<string>> LadderIdsAsync() => UseAsync(async r =>
        (await r.LadderMembers(ReadinessService.Everyone, new ReadinessQuery()).Select(m => m.Id).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    /// <summary>The ids of the current generation's stored standings after a refresh, sorted.</summary>
    private Task<List<string>> StandingIdsAsync() => UseAsync(async r =>
    {
        var generation = await r.RefreshStandingsAsync();
        return (await app.QueryAsync(db => db.MemberStandings.Where(s => s.Generation == generation).Select(s => s.Id).ToListAsync())).Order(StringComparer.Ordinal).ToList();
    });

    /// <summary>The city's (or a district's) ladder assessed in full, in the ladder's order.</summary>
    private async Task<List<MemberReadiness>> FreshAsync(Official who, ReadinessQuery? query = null) =>
        await UseAsync(async r =>
        {
            var rows = new List<MemberReadiness>();
            await foreach (var batch in (await r.BatchesAsync(who, query)).Value!.Rows) rows.AddRange(batch);
            return rows;
        });

    /// <summary>The rows of the 培育梯度 workbook as the export reads them.</summary>
    private async Task<List<ReadinessSheetRow>> SheetAsync(Official who, ReadinessQuery? query = null) =>
        await UseAsync(async r =>
        {
            var rows = new List<ReadinessSheetRow>();
            await foreach (var batch in (await r.SheetAsync(who, query)).Value!.Rows) rows.AddRange(batch);
            return rows;
        });

    /// <summary>Two sheets' rows compared, the first differing row shown on failure.</summary>
    private static void AssertSameRows(IReadOnlyList<ReadinessSheetRow> expected, IReadOnlyList<ReadinessSheetRow> actual, string what)
    {
        var differing = expected.Zip(actual).FirstOrDefault(p => p.First != p.Second);
        Assert.True(expected.Count == actual.Count && differing == default,
            $"{what}: {expected.Count} rows assessed, {actual.Count} in the workbook; first difference:\nassessed {differing.First}\nworkbook {differing.Second}");
    }

    /// <summary>The ids of every page of a filtered ladder (100 a page) and the count the page shows.</summary>
    private async Task<(List<string> Ids, int Count)> FilteredAsync(Official who, ReadinessQuery query) => await UseAsync(async r =>
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var rows = (await r.RowsAsync(who, query, new PageRequest(page, PageRequest.MaxPageSize))).Value!.Rows;
            ids.AddRange(rows.Select(x => x.MemberId));
            if (rows.Count < PageRequest.MaxPageSize) break;
        }
        return (ids, (await r.CountAsync(who, query)).Value);
    });

    private async Task<T> UseAsync<T>(Func<ReadinessService, Task<T>> use)
    {
        using var scope = app.Factory.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<ReadinessService>());
    }

    private Task<List<string>> PendingAsync() => app.QueryAsync(db => db.MemberStandingInvalidations.OrderBy(i => i.Id).Select(i => i.Subject).ToListAsync());

    private async Task<List<(string Generation, DateTimeOffset BuiltAt, int Members)>> GenerationsAsync() =>
        [.. (await app.QueryAsync(db => db.MemberStandingGenerations.AsNoTracking().ToListAsync())).Select(g => (g.Generation, g.BuiltAt, g.Members))];
}

[Collection(NominationCollection.Name)]
public sealed class SqliteStoredStandingTests(NominationFixture app) : StoredStandingTests(app)
{
    /// <summary>
    /// Statistics SQLite took while the table held a few rows made it read all 100,000 standings for the workbook's lookup of a
    /// batch's rows by their ids; a rebuild counts them again, where the database keeps statistics.
    /// </summary>
    [Fact]
    public async Task ARebuild_CountsTheStandingsStatisticsAgain()
    {
        const string Key = "sqlite_autoindex_MemberStandings_1";
        await App.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""ANALYZE "MemberStandings";"""));
        await App.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE sqlite_stat1 SET stat = '1 1 1 1 1 1 1' WHERE tbl = 'MemberStandings';"""));
        try
        {
            await App.QueryAsync(db => db.MemberStandingGenerations.ExecuteDeleteAsync());
            using (var scope = App.Factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<ReadinessService>().RefreshStandingsAsync();
            var rows = await App.QueryAsync(db => db.MemberStandings.CountAsync());
            var stat = await App.QueryAsync(db => db.Database.SqlQueryRaw<string>($"SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE idx = '{Key}'").SingleAsync());
            Assert.True(rows > 1 && stat.StartsWith($"{rows} ", StringComparison.Ordinal), $"{rows} standings, statistics of the key: {stat}");
        }
        finally
        {
            await App.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM sqlite_stat1 WHERE tbl = 'MemberStandings';"""));
        }
    }
}

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlStoredStandingTests(PostgreSqlNominationFixture app) : StoredStandingTests(app);
