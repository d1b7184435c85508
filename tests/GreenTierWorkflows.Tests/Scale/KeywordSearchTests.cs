using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// Issue 20, keyword search at scale (<see cref="NationalScaleFixture"/>, 34,000 nominations and pool members copied
/// set-based, so the index triggers see rows written outside EF): a keyword of three characters or more is read from the
/// trigram index (<see cref="KeywordIndex"/>) — the plan starts from the index and looks rows up by rowid instead of
/// walking the year — and still means what it meant: part of the name (case-sensitive), part of the credit code, a
/// two-character Chinese keyword, a name changed after creation. The list sorted by applicant reads its index in order.
/// </summary>
[Collection(NationalScaleCollection.Name)]
public sealed class KeywordSearchTests(NationalScaleFixture app)
{
    private const int Year = NationalScaleFixture.Year;
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);
    private static readonly Official Shexian = new("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");

    [Fact]
    public async Task NominationKeyword_IsReadFromTheTrigramIndex_NotByWalkingTheYear()
    {
        using var scope = app.Factory.Services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<NominationService>().Search(City, new NominationListQuery(Year: Year, Keyword: "模板企业")).Value!;
        foreach (var (what, query) in new[] { ("count", search.Select(n => n.Id)), ("page 1", search.Take(20).Select(n => n.Id)) })
        {
            var plan = await PlanAsync(scope, query);
            var shown = $"{what}:\n{string.Join("\n", plan)}";
            Assert.True(plan.Any(l => l.Contains("SCAN f VIRTUAL TABLE", StringComparison.Ordinal)), shown);
            Assert.True(plan.Any(l => l.Contains("USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal)), shown);
            Assert.DoesNotContain(plan, l => l.Contains("IX_Nominations_Year", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PoolKeyword_IsReadFromTheTrigramIndex_NotByWalkingThePool()
    {
        using var scope = app.Factory.Services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<CultivationPool>().Search(City, new PoolListQuery(Year: Year, Keyword: "模板企业")).Value!;
        var plan = await PlanAsync(scope, search.Take(20).Select(m => m.Id));
        var shown = string.Join("\n", plan);
        Assert.True(plan.Any(l => l.Contains("SCAN f VIRTUAL TABLE", StringComparison.Ordinal)), shown);
        Assert.True(plan.Any(l => l.Contains("USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal)), shown);
        Assert.DoesNotContain(plan, l => l.Contains("IX_PoolMemberships", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("city", 341002)]
    [InlineData("shexian", 341021)]
    public async Task ListSortedByApplicant_IsReadInIndexOrder_WithoutSortingTheYear(string who, int district)
    {
        using var scope = app.Factory.Services.CreateScope();
        var official = who == "city" ? City : Shexian;
        var page = scope.ServiceProvider.GetRequiredService<NominationService>()
            .Search(official, new NominationListQuery(Year: Year, Sort: NominationSort.Applicant, District: who == "city" ? null : district.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Value!.Skip(40).Take(20).Select(n => n.Id);
        var plan = await PlanAsync(scope, page);
        var shown = string.Join("\n", plan);
        Assert.DoesNotContain(plan, l => l.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.True(plan.Any(l => l.Contains(who == "city" ? "IX_Nominations_Year_ApplicantName_Id" : "IX_Nominations_Year_DistrictCode_ApplicantName_Id", StringComparison.Ordinal)), shown);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("341021")]
    public async Task PoolYearList_IsReadInIndexOrder_WithoutSortingThePool(string? district)
    {
        using var scope = app.Factory.Services.CreateScope();
        var page = scope.ServiceProvider.GetRequiredService<CultivationPool>().Search(City, new PoolListQuery(Year: Year, District: district)).Value!
            .Skip(40).Take(20).Select(m => m.Id);
        var plan = await PlanAsync(scope, page);
        var shown = string.Join("\n", plan);
        Assert.DoesNotContain(plan, l => l.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.True(plan.Any(l => l.Contains("IX_PoolMemberships_List", StringComparison.Ordinal)), shown);
    }

    [Fact]
    public async Task Keyword_KeepsItsMeaning_TwoChineseCharactersCreditCodePartAndCase()
    {
        var client = await app.ClientAsync("city");
        // Two characters cannot be a trigram phrase: read from the bigram table, still a substring match (「模板」 is in the template's name only; 「规模」 in every name).
        var twoChars = await client.GetObjectAsync($"/api/nominations?year={Year}&keyword=模板&pageSize=5");
        Assert.Equal(NationalScaleFixture.TemplateName, Assert.Single(twoChars["items"]!.AsArray()).Str("applicantName"));
        var everyone = await client.GetObjectAsync($"/api/nominations?year={Year}&keyword=规模&pageSize=1");
        Assert.Equal(NationalScaleFixture.Nominations, (int)everyone["total"]!);
        // A part from the middle of the credit code, typed in lower case (the code is normalised), finds its enterprise's rows.
        var part = app.TemplateCreditCode[4..12].ToLowerInvariant();
        var byCode = await client.GetObjectAsync($"/api/nominations?year={Year}&keyword={part}");
        Assert.Equal(NationalScaleFixture.TemplateName, Assert.Single(byCode["items"]!.AsArray()).Str("applicantName"));
        var pool = await client.GetObjectAsync($"/api/pools?year={Year}&keyword={part}");
        Assert.Equal(NationalScaleFixture.TemplateName, Assert.Single(pool["items"]!.AsArray()).Str("memberName"));
        // A name part of three characters and more: every copy row, counted from the index.
        var many = await client.GetObjectAsync($"/api/nominations?year={Year}&keyword=有限公司&pageSize=1");
        Assert.Equal(NationalScaleFixture.Nominations, (int)many["total"]!);
        var none = await client.GetObjectAsync($"/api/pools?year={Year}&keyword=\"模板\"企业");
        Assert.Equal(0, (int)none["total"]!);
    }

    [Fact]
    public async Task NameChangedAfterCreation_IsFoundByItsNewName_AndNoLongerByItsOld()
    {
        const string old = "规模测试企业000456有限公司", renamed = "规模测试更名徽州企业有限公司";
        await app.QueryAsync(async db =>
        {
            var nomination = await db.Nominations.SingleAsync(n => n.ApplicantName == old);
            nomination.ApplicantName = renamed; // through EF Core's change tracking
            await db.SaveChangesAsync();
            // and set-based, as the pool's rows of a renamed enterprise would be
            return await db.PoolMemberships.Where(m => m.MemberName == old).ExecuteUpdateAsync(u => u.SetProperty(m => m.MemberName, renamed));
        });
        var client = await app.ClientAsync("city");
        var byNew = await client.GetObjectAsync($"/api/nominations?year={Year}&keyword=更名徽州");
        Assert.Equal(renamed, Assert.Single(byNew["items"]!.AsArray()).Str("applicantName"));
        Assert.Equal(0, (int)(await client.GetObjectAsync($"/api/nominations?year={Year}&keyword=000456"))["total"]!);
        var pool = await client.GetObjectAsync($"/api/pools?year={Year}&keyword=更名徽州");
        Assert.Equal(renamed, Assert.Single(pool["items"]!.AsArray()).Str("memberName"));
        Assert.Equal(0, (int)(await client.GetObjectAsync($"/api/pools?year={Year}&keyword=000456"))["total"]!);
    }

    private static async Task<List<string>> PlanAsync<T>(IServiceScope scope, IQueryable<T> query)
    {
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return plan;
    }
}
