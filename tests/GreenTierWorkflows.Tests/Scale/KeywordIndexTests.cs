using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// The keyword's one rule (<see cref="KeywordIndex"/>) on both engines, for the nominations, the pool and the inbox: a
/// keyword of three characters or more is read from the engine's index (SQLite's FTS5 trigram tables, PostgreSQL's pg_trgm
/// GIN indexes — EXPLAIN with sequential scans, sorts and hash aggregation priced out) and means the same case-sensitive
/// substring on both: <c>%</c> and <c>_</c> are literal characters, case counts, a part of the credit code finds the
/// enterprise's rows (for a task: through its nomination), and the index follows inserts, renames and deletes made
/// through EF Core and set-based. The rows are of year <see cref="Year"/>, and the task is done, so no other list sees them.
/// </summary>
public abstract class KeywordIndexTests(NominationFixture app)
{
    protected const int Year = 2031;
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);

    [Fact]
    public async Task Keyword_MeansTheSameCaseSensitiveSubstring_InEveryList_AndFollowsRenames()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var name = $"徽州Ab_%{tag}键词企业有限公司";
        var (nominationId, code) = await AddNominationWithTaskAsync(name);

        await AssertFindsAsync($"b_%{tag}键", 1, "the name part with its literal _ and %");
        await AssertFindsAsync($"{tag}键词", 1, "a part after the wildcards");
        await AssertFindsAsync($"B_%{tag}键", 0, "another case");
        await AssertFindsAsync($"Ab__{tag}", 0, "_ is no wildcard");
        await AssertFindsAsync($"Ab%{tag}", 0, "% is no wildcard");
        await AssertFindsAsync(code[^8..], 1, "the credit code's serial part (unique to the enterprise)");

        await AssertFollowsRenameAndDeleteAsync(nominationId, name, $"徽州更名{tag}企业有限公司", $"更名{tag}", $"{tag}键词");
    }

    [Fact]
    public async Task TwoCharacterKeyword_FollowsRenamesAndDeletes_InEveryList()
    {
        var (x, y) = RareCharacters();
        var name = $"徽州{x}{y}二字企业有限公司";
        var (nominationId, _) = await AddNominationWithTaskAsync(name);
        await AssertFindsAsync($"{x}{y}", 1, "two characters of the name");
        await AssertFindsAsync($"{y}{x}", 0, "the same two the other way round");

        var (u, v) = RareCharacters();
        await AssertFollowsRenameAndDeleteAsync(nominationId, name, $"徽州{u}{v}二字企业有限公司", $"{u}{v}", $"{x}{y}");
    }

    [Fact]
    public async Task TwoCharacterKeyword_FromTheBigramIndex_IsThePlainSubstringFilter_InEveryList()
    {
        var (x, y) = RareCharacters();
        // Latin letters and digits (case counts), a repeated pair, names of one and two characters, the pair at either end.
        string[] names = [$"{x}{y}", $"{x}", $"{y}", $"A{x}{y}b1{x}{y}", $"{x}{y}Ab12有限公司", $"b{y}{x}1", $"{x}a1B{y}", $"黄山{x}纺织{y}", $"纺织{x}{y}"];
        foreach (var name in names) await AddNominationWithTaskAsync(name);
        var keywords = names.SelectMany(Bigrams).Concat(["ab", "AB", "aB", "B1", "1有", "黄山", "纺织", $"{y}{y}", $"{x}A", "zz"]).Distinct(StringComparer.Ordinal).ToList();
        await app.QueryAsync(async db =>
        {
            foreach (var keyword in keywords)
            {
                Assert.True(KeywordIndex.Answers(db, keyword, ""), keyword);
                AssertSame(keyword, "Nominations",
                    await KeywordIndex.Nominations(db, keyword, "").Where(n => n.Year == Year).Select(n => n.Id).ToListAsync(),
                    await db.Nominations.Where(n => n.Year == Year && n.ApplicantName.Contains(keyword)).Select(n => n.Id).ToListAsync());
                AssertSame(keyword, "PoolMemberships",
                    await KeywordIndex.PoolMembers(db, keyword, "").Where(m => m.Year == Year).Select(m => m.Id).ToListAsync(),
                    await db.PoolMemberships.Where(m => m.Year == Year && m.MemberName.Contains(keyword)).Select(m => m.Id).ToListAsync());
                AssertSame(keyword, "ReviewTasks",
                    await KeywordIndex.Tasks(db, keyword, "").Where(t => t.Year == Year).Select(t => t.Id).ToListAsync(),
                    await db.ReviewTasks.Where(t => t.Year == Year && t.ApplicantName.Contains(keyword)).Select(t => t.Id).ToListAsync());
            }
            // Not vacuous: the pair is in four of the names (twice in one), each a nomination, a pool member and a task.
            Assert.Equal(4, await KeywordIndex.Nominations(db, $"{x}{y}", "").CountAsync());
            return 0;
        });
        await AssertIndexAgreesWithItsTablesAsync();

        static void AssertSame(string keyword, string table, List<string> indexed, List<string> scanned) =>
            Assert.True(indexed.Order(StringComparer.Ordinal).SequenceEqual(scanned.Order(StringComparer.Ordinal)),
                $"「{keyword}」 in {table}: the index found {indexed.Count}, the substring filter {scanned.Count}");
    }

    /// <summary>Two distinct characters of CJK Extension A, which no other test's names use: a 2-character keyword only this test's rows contain.</summary>
    protected static (char, char) RareCharacters()
    {
        var x = (char)Random.Shared.Next(0x3400, 0x4DB6);
        var y = (char)Random.Shared.Next(0x3400, 0x4DB5);
        return (x, y == x ? (char)(y + 1) : y);
    }

    /// <summary>Every two consecutive characters (Unicode scalars) of the name.</summary>
    private static IEnumerable<string> Bigrams(string name)
    {
        var runes = name.EnumerateRunes().Select(r => r.ToString()).ToArray();
        return Enumerable.Range(0, Math.Max(0, runes.Length - 1)).Select(i => runes[i] + runes[i + 1]);
    }

    /// <summary>
    /// Renames the nomination and its task through EF Core and the pool member set-based: each list finds it by the part of
    /// the new name only; then deletes all three set-based: gone from the index too, which agrees with its tables.
    /// </summary>
    private async Task AssertFollowsRenameAndDeleteAsync(string nominationId, string name, string renamed, string newPart, string oldPart)
    {
        await app.QueryAsync(async db =>
        {
            (await db.Nominations.SingleAsync(n => n.Id == nominationId)).ApplicantName = renamed;
            (await db.ReviewTasks.SingleAsync(t => t.NominationId == nominationId)).ApplicantName = renamed;
            await db.SaveChangesAsync();
            return await db.PoolMemberships.Where(m => m.MemberName == name).ExecuteUpdateAsync(u => u.SetProperty(m => m.MemberName, renamed));
        });
        await AssertFindsAsync(newPart, 1, "the new name");
        await AssertFindsAsync(oldPart, 0, "the old name");

        await app.QueryAsync(async db =>
            await db.ReviewTasks.Where(t => t.NominationId == nominationId).ExecuteDeleteAsync()
            + await db.Nominations.Where(n => n.Id == nominationId).ExecuteDeleteAsync()
            + await db.PoolMemberships.Where(m => m.MemberName == renamed).ExecuteDeleteAsync());
        await AssertFindsAsync(newPart, 0, "deleted rows");
        await AssertIndexAgreesWithItsTablesAsync();
    }

    /// <summary>Each list (the use cases, as the API calls them) finds <paramref name="expected"/> rows for the keyword.</summary>
    private async Task AssertFindsAsync(string keyword, int expected, string what)
    {
        using var scope = app.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var nominations = await services.GetRequiredService<Application.Nominations.NominationService>()
            .Search(City, new Application.Nominations.NominationListQuery(Year: Year, Keyword: keyword)).Value!.CountAsync();
        var pool = await services.GetRequiredService<Application.Pools.CultivationPool>()
            .Search(City, new Application.Pools.PoolListQuery(Year: Year, Keyword: keyword)).Value!.CountAsync();
        var (_, tasks) = await services.GetRequiredService<ReviewTaskService>().ListAsync(City, new TaskQuery(IncludeCompleted: true, Year: Year, Keyword: keyword));
        Assert.True((nominations, pool, tasks) == (expected, expected, expected),
            $"「{keyword}」({what}): nominations {nominations}, pool {pool}, tasks {tasks}; expected {expected} each");
    }

    /// <summary>
    /// SQLite: FTS5's integrity check compares each external-content index with its table, and each bigram table holds
    /// exactly the bigrams of its table's names, computed here (PostgreSQL's indexes are its own).
    /// </summary>
    private async Task AssertIndexAgreesWithItsTablesAsync()
    {
        await app.QueryAsync(async db =>
        {
            if (!db.Database.IsSqlite()) return 0;
            foreach (var index in new[] { "NominationNames", "PoolMemberNames", "TaskApplicantNames", "EnterpriseCodes" })
            {
                var check = $"""INSERT INTO "{index}"("{index}", rank) VALUES ('integrity-check', 1)""";
                await db.Database.ExecuteSqlRawAsync(check); // fails with SQLITE_CORRUPT_VTAB when the index and its table disagree
            }
            foreach (var (bigrams, table, column) in new[]
                     { ("NominationNameBigrams", "Nominations", "ApplicantName"), ("PoolMemberNameBigrams", "PoolMemberships", "MemberName"), ("TaskApplicantNameBigrams", "ReviewTasks", "ApplicantName") })
            {
                var expected = (await ReadAsync(db, $"""SELECT rowid, "{column}" FROM "{table}" """))
                    .SelectMany(row => Bigrams(row.Text).Select(b => (b, row.RowId))).ToHashSet();
                var stored = (await ReadAsync(db, $"""SELECT "RowId", "Bigram" FROM "{bigrams}" """)).Select(row => (row.Text, row.RowId)).ToHashSet();
                Assert.True(stored.SetEquals(expected), $"{bigrams}: {stored.Except(expected).Count()} stale, {expected.Except(stored).Count()} missing");
            }
            return 0;
        });
    }

    private static async Task<List<(long RowId, string Text)>> ReadAsync(GreenTierDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    /// <summary>An enrolled enterprise with a nomination of <see cref="Year"/> and its done 市级评审 task: the nomination's id and the credit code.</summary>
    protected async Task<(string NominationId, string Code)> AddNominationWithTaskAsync(string name)
    {
        var enterpriseId = await app.EnrolEnterpriseAsync("341021", name, Year);
        var code = await app.QueryAsync(db => db.Enterprises.Where(e => e.Id == enterpriseId).Select(e => e.CreditCode).SingleAsync());
        var id = Guid.CreateVersion7().ToString("N");
        var at = DateTimeOffset.UtcNow;
        await app.WithDbAsync(db =>
        {
            db.Nominations.Add(new Nomination
            {
                Id = id, Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = Year, DistrictCode = "341021",
                EnterpriseId = enterpriseId, ApplicantName = name, Status = NominationStatus.InProgress, Stage = StageNames.CityReview,
                CreatedAt = at, UpdatedAt = at, CreatedBy = "shexian",
            });
            db.ReviewTasks.Add(new ReviewTask
            {
                Id = Guid.CreateVersion7().ToString("N"), NominationId = id, WorkflowInstanceId = "keyword-wf-" + id, WorkflowDefinitionId = "green-factory-nomination",
                WorkflowVersion = 1, ActivityId = "cityReview", Title = $"市级评审：{name}", Stage = StageNames.CityReview, AssigneeRole = Roles.CityReviewer,
                DistrictCode = "341021", Outcomes = ["通过", "不通过"], NominationType = NominationType.GreenFactory, Year = Year,
                ApplicantName = name, CreatedAt = at, Status = ReviewTaskStatus.Completed, CompletedAt = at,
            });
        });
        return (id, code);
    }
}

/// <summary>On SQLite the keyword of every list starts from its FTS5 trigram table (CROSS JOIN: the index first, rows by rowid).</summary>
[Collection(NominationCollection.Name)]
public sealed class SqliteKeywordIndexTests(NominationFixture app) : KeywordIndexTests(app)
{
    private readonly NominationFixture _app = app;

    [Fact]
    public async Task NameKeyword_IsReadFromTheIndex_InEveryList()
    {
        await AddNominationWithTaskAsync($"徽州计划{Guid.NewGuid():N}有限公司");
        await AssertReadFromTheIndexAsync("计划徽州", "", "SCAN f VIRTUAL TABLE");
    }

    [Fact]
    public async Task CreditCodeKeyword_IsReadFromBothIndexes_InEveryList()
    {
        var (_, code) = await AddNominationWithTaskAsync($"徽州信用{Guid.NewGuid():N}有限公司");
        await AssertReadFromTheIndexAsync(code[4..12], code[4..12], "SCAN f VIRTUAL TABLE", "SCAN c VIRTUAL TABLE");
    }

    [Fact]
    public async Task TwoCharacterKeyword_IsReadFromTheBigramTable_InEveryList()
    {
        var (x, y) = RareCharacters();
        await AddNominationWithTaskAsync($"徽州{x}{y}有限公司");
        await AssertReadFromTheIndexAsync($"{x}{y}", "", "SEARCH b USING PRIMARY KEY (Bigram=?)");
    }

    [Fact]
    public async Task CommonTwoCharacterKeyword_StaysTheScan_WithTheSameAnswer()
    {
        // More rows than KeywordIndex.CommonBigramRows share the pair: the scan (the order index finds a page of them at once).
        var (x, y) = RareCharacters();
        var rows = KeywordIndex.CommonBigramRows + 1;
        var at = DateTimeOffset.UtcNow;
        await _app.WithDbAsync(db => db.Nominations.AddRange(Enumerable.Range(0, rows).Select(i => new Nomination
        {
            Id = $"common-{x}{y}-{i}", Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = Year + 1, DistrictCode = "341021",
            ApplicantName = $"{x}{y}{i}", Status = NominationStatus.InProgress, Stage = StageNames.CityReview, CreatedAt = at, UpdatedAt = at, CreatedBy = "test",
        })));
        try
        {
            using var scope = _app.Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            var matches = KeywordIndex.Nominations(db, $"{x}{y}", "").Where(n => n.Year == Year + 1);
            var plan = await QueryPlan.OfAsync(db, matches.Select(n => n.Id));
            Assert.False(plan.Uses("SEARCH b USING PRIMARY KEY"), plan.ToString());
            Assert.Equal(rows, await matches.CountAsync());
        }
        finally
        {
            await _app.QueryAsync(db => db.Nominations.Where(n => n.Year == Year + 1 && n.CreatedBy == "test" && n.Id.StartsWith("common-")).ExecuteDeleteAsync());
        }
    }

    /// <summary>Each list's plan has every line of <paramref name="reads"/> and reads no table whole.</summary>
    private async Task AssertReadFromTheIndexAsync(string text, string code, params string[] reads)
    {
        using var scope = _app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        foreach (var (table, query) in KeywordPlans.Queries(db, text, code, Year))
        {
            var plan = await QueryPlan.OfAsync(db, query);
            Assert.True(reads.All(plan.Uses) && !ReadsEveryRow(plan), $"{table}:\n{plan}");
        }
    }

    // A full scan of a table is "SCAN <alias>" without an index; the FTS tables are virtual and the union's rows a co-routine.
    private static bool ReadsEveryRow(QueryPlan plan)
    {
        var subqueries = plan.Lines.Select(l => l.Trim()).Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || l.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.Ordinal);
        return plan.Lines.Select(l => l.Trim()).Any(l => l.StartsWith("SCAN ", StringComparison.Ordinal) && !l.Contains("VIRTUAL TABLE", StringComparison.Ordinal)
            && !l.Contains(" USING ", StringComparison.Ordinal) && !subqueries.Contains(l[5..]));
    }
}

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlKeywordIndexTests(PostgreSqlNominationFixture app) : KeywordIndexTests(app);

/// <summary>The matches of each list for a keyword, unordered (the order is the lists' own indexes' business).</summary>
internal static class KeywordPlans
{
    public static IEnumerable<(string Table, IQueryable Query)> Queries(GreenTierDbContext db, string text, string code, int? year = null) =>
    [
        ("Nominations", KeywordIndex.Nominations(db, text, code).Where(n => year == null || n.Year == year).Select(n => n.Id)),
        ("PoolMemberships", KeywordIndex.PoolMembers(db, text, code).Where(m => year == null || m.Year == year).Select(m => m.Id)),
        ("ReviewTasks", KeywordIndex.Tasks(db, text, code).Where(t => year == null || t.Year == year).Select(t => t.Id)),
    ];
}
