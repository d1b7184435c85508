using System.Runtime.CompilerServices;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// The one rule of the list searches' keyword (申报管理, 培育库, 我的待办): a row matches when its name contains the text, or
/// its enterprise's 统一社会信用代码 contains the code (when there is one) — a case-sensitive substring, the same on both
/// engines — and the index that answers it.
/// <list type="bullet">
/// <item>SQLite: FTS5 tables with the trigram tokenizer (case-sensitive, so a match means exactly what <c>instr</c> meant)
/// over the applicant's name (<c>NominationNames</c>), the pool member's name (<c>PoolMemberNames</c>), the task's applicant
/// (<c>TaskApplicantNames</c>) and the enterprise's credit code (<c>EnterpriseCodes</c>). They index their tables' own rows
/// (external content by rowid) and are kept by triggers in the same statement as every insert, rename and delete — also
/// those written set-based outside EF (migrations <c>KeywordSearchIndexes</c>, <c>InboxKeywordIndex</c>). Beside each name's
/// FTS table a bigram table (<c>NominationNameBigrams</c>, <c>PoolMemberNameBigrams</c>, <c>TaskApplicantNameBigrams</c>:
/// every two consecutive characters of the name with its row's rowid, the key) kept by triggers the same way (migration
/// <c>KeywordBigramIndexes</c>).</item>
/// <item>PostgreSQL: pg_trgm GIN indexes on the same columns (migration <c>KeywordTrigramIndexes</c>); the keyword is a
/// <c>LIKE '%…%'</c> with its wildcards escaped, which PostgreSQL's LIKE compares case-sensitively and the trigram index
/// answers (it extracts trigrams case-folded and rechecks every candidate with the LIKE). A GIN index on each name's set of
/// bigrams (<c>keyword_bigrams(name)</c>, migration <c>KeywordBigramIndexes</c>) answers two characters.</item>
/// </list>
/// A text of three characters or more (and a code that is empty or as long) is read from the trigram index; a text of
/// exactly two characters that is no credit-code part (a code of two letters or digits would need the codes' bigrams) from
/// the bigram index (on SQLite unless the bigram is in more than <see cref="CommonBigramRows"/> rows, where the scan finds a
/// page sooner): a name contains two characters exactly when they are one of its bigrams. Anything shorter is a
/// substring scan with the same meaning (see <see cref="Answers"/>). A SQLite migration that rebuilds one of the indexed
/// tables (copy-and-rename for some column changes) drops its triggers: it must drop the FTS and bigram tables first and
/// create tables, triggers and rebuild again after, with the statements written out in that migration.
/// </summary>
public static class KeywordIndex
{
    /// <summary>An indexed name: its FTS table and its bigram table (SQLite), its table and column, and the joins from the enterprise <c>e</c> to its rows <c>r</c>.</summary>
    private sealed record Indexed(string Index, string Bigrams, string Table, string Column, string FromEnterprise);

    private static readonly Indexed NominationNames = new("NominationNames", "NominationNameBigrams", "Nominations", "ApplicantName",
        """JOIN "Nominations" AS r ON r."EnterpriseId" = e."Id" """);
    private static readonly Indexed PoolMemberNames = new("PoolMemberNames", "PoolMemberNameBigrams", "PoolMemberships", "MemberName",
        """JOIN "PoolMemberships" AS r ON r."EnterpriseId" = e."Id" """);
    private static readonly Indexed TaskApplicantNames = new("TaskApplicantNames", "TaskApplicantNameBigrams", "ReviewTasks", "ApplicantName",
        """JOIN "Nominations" AS n ON n."EnterpriseId" = e."Id" JOIN "ReviewTasks" AS r ON r."NominationId" = n."Id" """);

    /// <summary>
    /// Whether an index answers this keyword: on SQLite or PostgreSQL, a name part of at least three characters and a
    /// credit-code part that is empty or also at least three characters long (a trigram needs three), or a name part of
    /// exactly two characters and no credit-code part (<see cref="IsBigram"/>).
    /// </summary>
    public static bool Answers(GreenTierDbContext db, string text, string code) =>
        (db.Database.IsSqlite() || db.Database.IsNpgsql()) && ((text.EnumerateRunes().Count() >= 3 && code.Length is 0 or >= 3) || IsBigram(text, code));

    /// <summary>
    /// How many rows a bigram may have on SQLite and still be read from its bigram table. SQLite picks no plan by cost between
    /// the bigram table (every match read and sorted) and the list's order index (walked until a page is found): a bigram in
    /// many rows — a district's name prefix such as 「歙绿」 is in every eighth — is found at once by the scan, and read from
    /// the table it cost more than the scan at 100k (all 12,500 matches looked up and sorted for 20). PostgreSQL chooses by
    /// its statistics of the bigram index.
    /// </summary>
    public const int CommonBigramRows = 2_000;

    /// <summary>
    /// Whether the keyword is read from an index of <paramref name="index"/>'s name: <see cref="Answers"/>, but on SQLite not
    /// a bigram in more than <see cref="CommonBigramRows"/> rows (counted in the bigram table's key, at most that many read).
    /// </summary>
    private static bool Reads(GreenTierDbContext db, Indexed index, string text, string code) =>
        Answers(db, text, code) && !(IsBigram(text, code) && db.Database.IsSqlite() && db.Database.SqlQuery<int>(FormattableStringFactory.Create(
            $$"""SELECT count(*) AS "Value" FROM (SELECT 1 FROM "{{index.Bigrams}}" WHERE "Bigram" = {0} LIMIT {{CommonBigramRows + 1}})""", text))
            .AsEnumerable().Single() > CommonBigramRows);

    /// <summary>Two characters (Unicode scalars, as both engines count them) that are no credit-code part: the bigram index's keyword.</summary>
    private static bool IsBigram(string text, string code) => code.Length == 0 && text.EnumerateRunes().Count() == 2;

    /// <summary>The nominations whose applicant name contains <paramref name="text"/> or whose enterprise's credit code contains <paramref name="code"/> (when not empty).</summary>
    public static IQueryable<Nomination> Nominations(GreenTierDbContext db, string text, string code) =>
        Reads(db, NominationNames, text, code)
            ? Matching(db, db.Nominations, NominationNames, text, code)
            : db.Nominations.Where(n => n.ApplicantName.Contains(text) || (n.EnterpriseId != null && EnterprisesWithCode(db, code).Contains(n.EnterpriseId)));

    /// <summary>The pool members whose name contains <paramref name="text"/> or whose enterprise's credit code contains <paramref name="code"/>; as <see cref="Nominations"/>.</summary>
    public static IQueryable<PoolMembership> PoolMembers(GreenTierDbContext db, string text, string code) =>
        Reads(db, PoolMemberNames, text, code)
            ? Matching(db, db.PoolMemberships, PoolMemberNames, text, code)
            : db.PoolMemberships.Where(m => m.MemberName.Contains(text) || (m.EnterpriseId != null && EnterprisesWithCode(db, code).Contains(m.EnterpriseId)));

    /// <summary>The review tasks whose applicant's name contains <paramref name="text"/> or whose nomination's enterprise's credit code contains <paramref name="code"/>; as <see cref="Nominations"/>.</summary>
    public static IQueryable<ReviewTask> Tasks(GreenTierDbContext db, string text, string code)
    {
        if (Reads(db, TaskApplicantNames, text, code)) return Matching(db, db.ReviewTasks, TaskApplicantNames, text, code);
        var byCode = from n in db.Nominations
                     where n.EnterpriseId != null && EnterprisesWithCode(db, code).Contains(n.EnterpriseId)
                     select n.Id;
        return db.ReviewTasks.Where(t => t.ApplicantName.Contains(text) || byCode.Contains(t.NominationId));
    }

    /// <summary>The ids of the enterprises whose credit code contains the code; none for an empty code (a set-based sub-query, no parameter per row).</summary>
    private static IQueryable<string> EnterprisesWithCode(GreenTierDbContext db, string code) =>
        db.Enterprises.Where(e => code != "" && e.CreditCode.Contains(code)).Select(e => e.Id);

    /// <summary>
    /// The rows of the table whose indexed name matches, with (for a credit-code keyword) those of the enterprises whose code
    /// matches, read from the index. On SQLite each join starts from its FTS table (CROSS JOIN fixes SQLite's join order, with
    /// or without ANALYZE statistics); on PostgreSQL each LIKE is a bitmap scan of its trigram index. Two characters are
    /// the rows whose bigrams include them: SQLite's bigram table's key then the rows by rowid, PostgreSQL's bitmap scan of
    /// the GIN index on <c>keyword_bigrams(name)</c> (the query spells the index's expression). Either way the cost follows
    /// the matches, not the table. Names are this class's constants; the phrases are parameters.
    /// </summary>
    private static IQueryable<T> Matching<T>(GreenTierDbContext db, DbSet<T> rows, Indexed index, string text, string code) where T : class
    {
        if (IsBigram(text, code))
        {
            var byBigram = db.Database.IsSqlite()
                ? $"""SELECT r.* FROM "{index.Bigrams}" AS b CROSS JOIN "{index.Table}" AS r ON r.rowid = b."RowId" WHERE b."Bigram" = """ + "{0}"
                : $"""SELECT r.* FROM "{index.Table}" AS r WHERE keyword_bigrams(r."{index.Column}") @> ARRAY[""" + "{0}]";
            return rows.FromSql(FormattableStringFactory.Create(byBigram, text));
        }
        if (db.Database.IsSqlite())
        {
            var byName = $"""SELECT r.* FROM "{index.Index}" AS f CROSS JOIN "{index.Table}" AS r ON r.rowid = f.rowid WHERE "{index.Index}" MATCH """ + "{0}";
            if (code.Length == 0) return rows.FromSql(FormattableStringFactory.Create(byName, Phrase(text)));
            var byCode = $"""
                SELECT r.* FROM "EnterpriseCodes" AS c CROSS JOIN "Enterprises" AS e ON e.rowid = c.rowid {index.FromEnterprise.Replace("JOIN ", "CROSS JOIN ", StringComparison.Ordinal)}
                WHERE "EnterpriseCodes" MATCH
                """ + " {1}";
            return rows.FromSql(FormattableStringFactory.Create(byName + "\nUNION\n" + byCode, Phrase(text), Phrase(code)));
        }
        var nameLike = $"""SELECT r.* FROM "{index.Table}" AS r WHERE r."{index.Column}" LIKE """ + "{0} ESCAPE '\\'";
        if (code.Length == 0) return rows.FromSql(FormattableStringFactory.Create(nameLike, Pattern(text)));
        // The two matches as one list of ids (not a UNION of whole rows: PostgreSQL compares json columns by no operator; and
        // UNION ALL, since IN needs no duplicates removed), so each side keeps its own index.
        var either = $"""
            SELECT t.* FROM "{index.Table}" AS t WHERE t."Id" IN (
              SELECT r."Id" FROM "{index.Table}" AS r WHERE r."{index.Column}" LIKE {"{0}"} ESCAPE '\'
              UNION ALL
              SELECT r."Id" FROM "Enterprises" AS e {index.FromEnterprise}WHERE e."CreditCode" LIKE {"{1}"} ESCAPE '\')
            """;
        return rows.FromSql(FormattableStringFactory.Create(either, Pattern(text), Pattern(code)));
    }

    /// <summary>An FTS5 phrase of the text: quoted, inner quotes doubled, so any character is literal (no query syntax).</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A LIKE pattern containing the text: its own <c>\</c>, <c>%</c> and <c>_</c> escaped, so any character is literal.</summary>
    private static string Pattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
