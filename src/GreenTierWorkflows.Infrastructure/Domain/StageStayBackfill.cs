namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// Fills <c>NominationStageStays</c> from the history written before the projection existed, in one set-based statement
/// (window functions over <c>NominationEvents</c>; SQLite and PostgreSQL): the stay rule of the application layer's
/// <c>StageStays</c>, in SQL, for the migration <c>NominationStageStays</c>. A stay's length is computed from the stored
/// instants in whole ticks, as .NET computes <see cref="TimeSpan.TotalDays"/>, so a backfilled row equals a projected one.
/// The projection consistency tests run this statement against rows the projector wrote.
/// </summary>
public static class StageStayBackfill
{
    /// <summary>The INSERT for the provider; it adds the stays of nominations that have none (it is safe to run again).</summary>
    public static string Sql(bool postgres)
    {
        var distinct = postgres ? "IS DISTINCT FROM" : "IS NOT";
        string Ticks(string column) => postgres
            ? $"(CAST(EXTRACT(EPOCH FROM CAST(substr({column}, 1, 19) AS timestamp)) AS bigint) * 10000000 + CAST(substr({column}, 21, 7) AS bigint))"
            : $"(CAST(strftime('%s', substr({column}, 1, 19)) AS INTEGER) * 10000000 + CAST(substr({column}, 21, 7) AS INTEGER))";
        var days = postgres ? $"CAST({Ticks("s.\"Until\"")} - {Ticks("s.\"At\"")} AS double precision) / 864000000000.0"
            : $"({Ticks("s.\"Until\"")} - {Ticks("s.\"At\"")}) / 864000000000.0";
        return $"""
            WITH lines AS (
                SELECT e."NominationId", e."At", NULLIF(e."Stage", '') AS "Stage",
                       LAG(NULLIF(e."Stage", '')) OVER (PARTITION BY e."NominationId" ORDER BY e."At", e."Id") AS "Before",
                       ROW_NUMBER() OVER (PARTITION BY e."NominationId" ORDER BY e."At", e."Id") AS "Line"
                FROM "NominationEvents" e
                WHERE NOT EXISTS (SELECT 1 FROM "NominationStageStays" x WHERE x."NominationId" = e."NominationId")
            ),
            runs AS (
                SELECT "NominationId", "At", "Stage", "Line", LEAD("At") OVER (PARTITION BY "NominationId" ORDER BY "Line") AS "Until"
                FROM lines WHERE "Line" = 1 OR "Stage" {distinct} "Before"
            ),
            stays AS (
                SELECT "NominationId", "At", "Stage", "Until",
                       ROW_NUMBER() OVER (PARTITION BY "NominationId" ORDER BY "Line") - 1 AS "Ordinal",
                       ROW_NUMBER() OVER (PARTITION BY "NominationId", "Stage" ORDER BY "Line") AS "Nth"
                FROM runs WHERE "Stage" IS NOT NULL AND "Stage" <> '草稿'
            )
            INSERT INTO "NominationStageStays" ("NominationId", "Ordinal", "Year", "DistrictCode", "Type", "Stage", "First", "EnteredAt", "LeftAt", "Days")
            SELECT s."NominationId", s."Ordinal", n."Year", n."DistrictCode", n."Type", s."Stage", s."Nth" = 1, s."At", s."Until",
                   CASE WHEN s."Until" IS NULL THEN NULL ELSE {days} END
            FROM stays s JOIN "Nominations" n ON n."Id" = s."NominationId"
            """;
    }
}
