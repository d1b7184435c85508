using System.Runtime.CompilerServices;
using System.Text;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// The keyword index of the list searches on SQLite: FTS5 tables with the trigram tokenizer (case-sensitive, so a match
/// means exactly what <c>instr</c> meant) over the applicant's name (<c>NominationNames</c>), the pool member's name
/// (<c>PoolMemberNames</c>) and the enterprise's credit code (<c>EnterpriseCodes</c>). They index their tables' own rows
/// (external content by rowid) and are kept by triggers in the same statement as every insert, rename and delete — also
/// those written set-based outside EF. A phrase of three or more characters is an exact substring match read from the
/// index; shorter keywords (「黄山」) cannot be trigram phrases and are left to the caller's substring scan.
/// A migration that rebuilds one of these tables (SQLite's copy-and-rename for some column changes) drops its triggers:
/// such a migration must run <see cref="DropSql"/> before and <see cref="CreateSql"/> after.
/// </summary>
public static class KeywordIndex
{
    /// <summary>The indexed tables: FTS table, content table, indexed column.</summary>
    private static readonly (string Index, string Table, string Column)[] Indexes =
    [
        ("NominationNames", "Nominations", "ApplicantName"),
        ("PoolMemberNames", "PoolMemberships", "MemberName"),
        ("EnterpriseCodes", "Enterprises", "CreditCode"),
    ];

    /// <summary>The SQLite statements that create the index tables and their triggers and fill them from the rows already there.</summary>
    public static string CreateSql()
    {
        var sql = new StringBuilder();
        foreach (var (index, table, column) in Indexes)
        {
            sql.AppendLine($"""CREATE VIRTUAL TABLE "{index}" USING fts5("{column}", content='{table}', content_rowid='rowid', tokenize='trigram case_sensitive 1');""");
            sql.AppendLine($"""CREATE TRIGGER "{index}_Insert" AFTER INSERT ON "{table}" BEGIN INSERT INTO "{index}"(rowid, "{column}") VALUES (new.rowid, new."{column}"); END;""");
            sql.AppendLine($"""CREATE TRIGGER "{index}_Delete" AFTER DELETE ON "{table}" BEGIN INSERT INTO "{index}"("{index}", rowid, "{column}") VALUES ('delete', old.rowid, old."{column}"); END;""");
            sql.AppendLine($"""CREATE TRIGGER "{index}_Update" AFTER UPDATE OF "{column}" ON "{table}" BEGIN INSERT INTO "{index}"("{index}", rowid, "{column}") VALUES ('delete', old.rowid, old."{column}"); INSERT INTO "{index}"(rowid, "{column}") VALUES (new.rowid, new."{column}"); END;""");
            sql.AppendLine($"""INSERT INTO "{index}"("{index}") VALUES ('rebuild');""");
        }
        return sql.ToString();
    }

    /// <summary>The SQLite statements that drop the index tables and their triggers.</summary>
    public static string DropSql()
    {
        var sql = new StringBuilder();
        foreach (var (index, _, _) in Indexes)
        {
            foreach (var trigger in new[] { "Insert", "Delete", "Update" }) sql.AppendLine($"""DROP TRIGGER IF EXISTS "{index}_{trigger}";""");
            sql.AppendLine($"""DROP TABLE IF EXISTS "{index}";""");
        }
        return sql.ToString();
    }

    /// <summary>
    /// Whether the index answers this keyword: on SQLite, a name part of at least three characters and a credit-code part
    /// that is empty or also at least three characters long.
    /// </summary>
    public static bool Answers(GreenTierDbContext db, string text, string code) =>
        db.Database.IsSqlite() && text.EnumerateRunes().Count() >= 3 && code.Length is 0 or >= 3;

    /// <summary>
    /// The nominations whose applicant name contains <paramref name="text"/> or whose enterprise's credit code contains
    /// <paramref name="code"/> (when not empty), read from the index (see <see cref="Answers"/>).
    /// </summary>
    public static IQueryable<Nomination> Nominations(GreenTierDbContext db, string text, string code) =>
        Matching(db.Nominations, "NominationNames", "Nominations", text, code);

    /// <summary>The pool members whose name contains <paramref name="text"/> or whose enterprise's credit code contains <paramref name="code"/>; as <see cref="Nominations"/>.</summary>
    public static IQueryable<PoolMembership> PoolMembers(GreenTierDbContext db, string text, string code) =>
        Matching(db.PoolMemberships, "PoolMemberNames", "PoolMemberships", text, code);

    /// <summary>
    /// The rows of <paramref name="table"/> whose indexed name matches, with (for a credit-code keyword) those of the
    /// enterprises whose code matches. Each join starts from its index (CROSS JOIN fixes SQLite's join order, with or
    /// without ANALYZE statistics), so the cost follows the matches, not the table. Names are this class's constants;
    /// the phrases are parameters.
    /// </summary>
    private static IQueryable<T> Matching<T>(DbSet<T> rows, string index, string table, string text, string code) where T : class
    {
        var byName = $"""SELECT r.* FROM "{index}" AS f CROSS JOIN "{table}" AS r ON r.rowid = f.rowid WHERE "{index}" MATCH """ + "{0}";
        if (code.Length == 0) return rows.FromSql(FormattableStringFactory.Create(byName, Phrase(text)));
        var byCode = $"""
            SELECT r.* FROM "EnterpriseCodes" AS c CROSS JOIN "Enterprises" AS e ON e.rowid = c.rowid CROSS JOIN "{table}" AS r ON r."EnterpriseId" = e."Id"
            WHERE "EnterpriseCodes" MATCH
            """ + " {1}";
        return rows.FromSql(FormattableStringFactory.Create(byName + "\nUNION\n" + byCode, Phrase(text), Phrase(code)));
    }

    /// <summary>An FTS5 phrase of the text: quoted, inner quotes doubled, so any character is literal (no query syntax).</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
