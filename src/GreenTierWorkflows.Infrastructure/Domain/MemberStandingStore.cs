using System.Data.Common;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// Writes 培育梯度's stored standings (<see cref="MemberStanding"/>) a batch at a time: an upsert on the membership's id, so a
/// row of an older generation is overwritten in place and two nodes writing the same member both succeed (the later write
/// wins, and both write what the same facts give). Through the change tracker a city's 100,000 rows took 5.3 s of its 13.5 s
/// rebuild on SQLite (a tracked entity, a delete and an insert per row); here SQLite runs one prepared statement per row on
/// the open connection, and PostgreSQL one statement per batch over arrays (one round trip instead of one per row).
/// </summary>
public static class MemberStandingStore
{
    private const string Columns = """
         "Id", "Generation", "DistrictCode", "MemberName", "TargetType", "City", "Province", "National",
         "CityGaps", "ProvinceGaps", "NationalGaps", "Checklist"
        """;

    private const string OnConflict = """
        ON CONFLICT ("Id") DO UPDATE SET "Generation" = excluded."Generation", "DistrictCode" = excluded."DistrictCode",
            "MemberName" = excluded."MemberName", "TargetType" = excluded."TargetType", "City" = excluded."City",
            "Province" = excluded."Province", "National" = excluded."National", "CityGaps" = excluded."CityGaps",
            "ProvinceGaps" = excluded."ProvinceGaps", "NationalGaps" = excluded."NationalGaps", "Checklist" = excluded."Checklist"
        """;

    /// <summary>The key of the PostgreSQL advisory lock a node holds while it rebuilds the standings (any number unique to this use).</summary>
    private const long RebuildLockKey = AdvisoryLockKeys.StandingsRebuild;

    /// <summary>
    /// Waits until this node alone may rebuild the standings and holds that right until the result is disposed: on PostgreSQL a
    /// session advisory lock on the context's connection (kept open meanwhile; asked for again every 200 ms rather than waited
    /// on in one statement, which the command timeout would cut), so a second node finding the same generation missing waits
    /// for the first and then finds it built instead of assessing the whole ladder a second time; SQLite serves one node.
    /// </summary>
    public static async Task<IAsyncDisposable> RebuildLockAsync(GreenTierDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return NoLock.Instance;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (!await db.Database.SqlQueryRaw<bool>("""SELECT pg_try_advisory_lock({0}) AS "Value" """, RebuildLockKey).SingleAsync(ct))
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            return new AdvisoryLock(db);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class AdvisoryLock(GreenTierDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.SqlQueryRaw<bool>("""SELECT pg_advisory_unlock({0}) AS "Value" """, RebuildLockKey).SingleAsync();
            }
            finally
            {
                // Closing returns the connection to the pool. Were the unlock to fail, Npgsql resets the session before the pooled
                // connection is used again (DISCARD ALL releases advisory locks) or closes it once idle (5 minutes by default), and a
                // broken connection's session is gone with it.
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// After a rebuild on SQLite: the standings' statistics counted again, where the database has any (an ANALYZE run while the
    /// table held a demo's 19 rows left SQLite reading all 100,000 rows for a lookup of 1,000 ids by their key). A database
    /// never analyzed is left so, and PostgreSQL's autovacuum keeps its own statistics.
    /// </summary>
    public static async Task RefreshStatisticsAsync(GreenTierDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql()) return;
        var analyzed = await db.Database.SqlQueryRaw<int>(
            """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE name = 'sqlite_stat1'""").SingleAsync(ct) > 0
            && await db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM sqlite_stat1 WHERE tbl = 'MemberStandings'""").SingleAsync(ct) > 0;
        if (analyzed) await db.Database.ExecuteSqlRawAsync("""ANALYZE "MemberStandings";""", ct);
    }

    /// <summary>
    /// In one transaction: removes the rows of <paramref name="removed"/> (members no longer in the ladder) and writes
    /// <paramref name="rows"/>, replacing any row of the same member. The rows are written in the order of their ids, so two
    /// nodes writing overlapping members lock them in the same order; a transaction PostgreSQL still ends as a deadlock or a
    /// serialization failure is written again, up to three times.
    /// </summary>
    public static async Task ReplaceAsync(GreenTierDbContext db, IReadOnlyCollection<string> removed, IReadOnlyList<MemberStanding> rows, CancellationToken ct = default)
    {
        List<MemberStanding> ordered = [.. rows.OrderBy(r => r.Id, StringComparer.Ordinal)];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (removed.Count > 0) await db.MemberStandings.Where(s => removed.Contains(s.Id)).ExecuteDeleteAsync(ct);
                if (ordered.Count > 0)
                {
                    if (db.Database.IsNpgsql()) await UpsertArraysAsync(db, ordered, ct);
                    else await UpsertEachAsync(db, ordered, ct);
                }
                await transaction.CommitAsync(ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
            }
        }
    }

    private static async Task UpsertArraysAsync(GreenTierDbContext db, IReadOnlyList<MemberStanding> rows, CancellationToken ct)
    {
        NpgsqlParameter Texts(string name, Func<MemberStanding, string> value) =>
            new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(value).ToArray() };
        NpgsqlParameter Ints(string name, Func<MemberStanding, int?> value) =>
            new(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(value).ToArray() };
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "MemberStandings" ({Columns})
            SELECT * FROM unnest(@ids, @generations, @districts, @names, @types, @city, @province, @national,
                @cityGaps, @provinceGaps, @nationalGaps, @checklists)
            {OnConflict}
            """,
            [
                Texts("ids", r => r.Id), Texts("generations", r => r.Generation), Texts("districts", r => r.DistrictCode),
                Texts("names", r => r.MemberName), Texts("types", r => r.TargetType.ToString()),
                Ints("city", r => r.City), Ints("province", r => r.Province), Ints("national", r => r.National),
                Ints("cityGaps", r => r.CityGaps), Ints("provinceGaps", r => r.ProvinceGaps), Ints("nationalGaps", r => r.NationalGaps),
                Texts("checklists", r => r.Checklist),
            ], ct);
    }

    private static async Task UpsertEachAsync(GreenTierDbContext db, IReadOnlyList<MemberStanding> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = $"""
            INSERT INTO "MemberStandings" ({Columns})
            VALUES (@id, @generation, @district, @name, @type, @city, @province, @national, @cityGaps, @provinceGaps, @nationalGaps, @checklist)
            {OnConflict}
            """;
        DbParameter Parameter(string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }
        var (id, generation, district, name, type, city, province, national) = (Parameter("@id"), Parameter("@generation"),
            Parameter("@district"), Parameter("@name"), Parameter("@type"), Parameter("@city"), Parameter("@province"), Parameter("@national"));
        var (cityGaps, provinceGaps, nationalGaps, checklist) = (Parameter("@cityGaps"), Parameter("@provinceGaps"), Parameter("@nationalGaps"),
            Parameter("@checklist"));
        foreach (var row in rows)
        {
            id.Value = row.Id;
            generation.Value = row.Generation;
            district.Value = row.DistrictCode;
            name.Value = row.MemberName;
            type.Value = row.TargetType.ToString();
            city.Value = (object?)row.City ?? DBNull.Value;
            province.Value = (object?)row.Province ?? DBNull.Value;
            national.Value = (object?)row.National ?? DBNull.Value;
            cityGaps.Value = (object?)row.CityGaps ?? DBNull.Value;
            provinceGaps.Value = (object?)row.ProvinceGaps ?? DBNull.Value;
            nationalGaps.Value = (object?)row.NationalGaps ?? DBNull.Value;
            checklist.Value = row.Checklist;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
