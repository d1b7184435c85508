using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <summary>
    /// The 2-character keyword's index on SQLite (a trigram needs three): beside each name's FTS5 trigram table a table of
    /// the name's bigrams — every two consecutive characters with the row's rowid, the key — kept by triggers on insert,
    /// rename and delete as the FTS tables are (KeywordSearchIndexes, InboxKeywordIndex), and filled from the rows there.
    /// No model change. The SQL is this migration's own (names written out here), so a later change of KeywordIndex cannot
    /// alter it. A trigger may not use WITH and this SQLite has no generate_series: a name's positions are the keys of a
    /// JSON array of (length − 1) zeros.
    /// </summary>
    [DbContext(typeof(GreenTierDbContext))]
    [Migration("20261204115216_KeywordBigramIndexes")]
    public partial class KeywordBigramIndexes : Migration
    {
        private static readonly (string Bigrams, string Table, string Column)[] Names =
        [
            ("NominationNameBigrams", "Nominations", "ApplicantName"),
            ("PoolMemberNameBigrams", "PoolMemberships", "MemberName"),
            ("TaskApplicantNameBigrams", "ReviewTasks", "ApplicantName"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (bigrams, table, column) in Names)
            {
                var insertNew = $"""INSERT OR IGNORE INTO "{bigrams}"("Bigram", "RowId") SELECT {Bigram("new", column)}, new.rowid FROM {Positions("new", column)} AS p;""";
                var deleteOld = $"""DELETE FROM "{bigrams}" WHERE "RowId" = old.rowid AND "Bigram" IN (SELECT {Bigram("old", column)} FROM {Positions("old", column)} AS p);""";
                migrationBuilder.Sql($"""
                    CREATE TABLE "{bigrams}" ("Bigram" TEXT NOT NULL, "RowId" INTEGER NOT NULL, PRIMARY KEY ("Bigram", "RowId")) WITHOUT ROWID;
                    CREATE TRIGGER "{bigrams}_Insert" AFTER INSERT ON "{table}" BEGIN {insertNew} END;
                    CREATE TRIGGER "{bigrams}_Delete" AFTER DELETE ON "{table}" BEGIN {deleteOld} END;
                    CREATE TRIGGER "{bigrams}_Update" AFTER UPDATE OF "{column}" ON "{table}" BEGIN {deleteOld} {insertNew} END;
                    INSERT OR IGNORE INTO "{bigrams}"("Bigram", "RowId") SELECT {Bigram("t", column)}, t.rowid FROM "{table}" AS t, {Positions("t", column)} AS p;
                    """);
            }
        }

        /// <summary>The bigram at position <c>p.key</c> (0-based) of the row's name.</summary>
        private static string Bigram(string row, string column) => $"""substr({row}."{column}", p.key + 1, 2)""";

        /// <summary>The 0-based start of each bigram of the row's name: none for a name of fewer than two characters.</summary>
        private static string Positions(string row, string column) =>
            $"""json_each('[' || substr(replace(hex(zeroblob(length({row}."{column}") - 1)), '00', ',0'), 2) || ']')""";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (bigrams, _, _) in Names)
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS "{bigrams}_Insert";
                    DROP TRIGGER IF EXISTS "{bigrams}_Delete";
                    DROP TRIGGER IF EXISTS "{bigrams}_Update";
                    DROP TABLE IF EXISTS "{bigrams}";
                    """);
        }
    }
}
