using System.Data.Common;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Infrastructure.Persistence.SortableDateTimeOffset;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>
/// The step commit path. SQLite's cost per commit is roughly the number of pages it dirties (each is a WAL frame: two
/// pwrite calls and a larger fsync), so the statements avoid touching indexes that do not change: an update assigns the
/// indexed identity columns only when they differ from the stored ones (read back with RETURNING from the same statement,
/// not with an extra query). Status and progress columns have no index and are written by the one UPDATE.
/// </summary>
public sealed partial class EfWorkflowStore
{
    private string? _commitConnectionString;
    private readonly object _writerGate = new();
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private const string InsertInstanceSql =
        "INSERT INTO \"WorkflowInstances\" (\"Id\", \"DefinitionId\", \"DefinitionVersionId\", \"Version\", \"Name\", \"CorrelationId\", " +
        "\"Status\", \"SubStatus\", \"IncidentCount\", \"CreatedAt\", \"UpdatedAt\", \"FinishedAt\", \"Stamp\", \"StateJson\") VALUES " +
        "(@id, @definitionId, @definitionVersionId, @version, @name, @correlationId, @status, @subStatus, @incidentCount, " +
        "@createdAt, @updatedAt, @finishedAt, @stamp, @state) ON CONFLICT (\"Id\") DO NOTHING;";

    private const string UpdateInstanceSql =
        "UPDATE \"WorkflowInstances\" SET \"Status\" = @status, \"SubStatus\" = @subStatus, \"Name\" = @name, \"IncidentCount\" = @incidentCount, " +
        "\"UpdatedAt\" = @updatedAt, \"FinishedAt\" = @finishedAt, \"Stamp\" = @stamp, \"StateJson\" = @state WHERE \"Id\" = @id AND \"Stamp\" = @expected " +
        "RETURNING \"DefinitionId\", \"DefinitionVersionId\", \"Version\", \"CorrelationId\", \"CreatedAt\";";

    private const string UpdateIdentitySql =
        "UPDATE \"WorkflowInstances\" SET \"DefinitionId\" = @definitionId, \"DefinitionVersionId\" = @definitionVersionId, " +
        "\"Version\" = @version, \"CorrelationId\" = @correlationId, \"CreatedAt\" = @createdAt WHERE \"Id\" = @id;";

    private const string UpsertBookmarkSql =
        "INSERT INTO \"Bookmarks\" (\"Id\", \"WorkflowInstanceId\", \"Name\", \"Hash\", \"CorrelationId\", \"ActivityInstanceId\", " +
        "\"DueAt\", \"CreatedAt\", \"ConsumedAt\", \"Json\") VALUES (@id, @instanceId, @name, @hash, @correlationId, @activityInstanceId, " +
        "@dueAt, @createdAt, NULL, @json) ON CONFLICT (\"Id\") DO UPDATE SET \"WorkflowInstanceId\" = excluded.\"WorkflowInstanceId\", " +
        "\"Name\" = excluded.\"Name\", \"Hash\" = excluded.\"Hash\", \"CorrelationId\" = excluded.\"CorrelationId\", " +
        "\"ActivityInstanceId\" = excluded.\"ActivityInstanceId\", \"DueAt\" = excluded.\"DueAt\", \"CreatedAt\" = excluded.\"CreatedAt\", " +
        "\"ConsumedAt\" = NULL, \"Json\" = excluded.\"Json\";";

    private const string ConsumeBookmarkSql =
        "UPDATE \"Bookmarks\" SET \"ConsumedAt\" = @now WHERE \"Id\" = @id AND \"ConsumedAt\" IS NULL;";

    private const string InsertJournalSql =
        "INSERT INTO \"JournalEntries\" (\"WorkflowInstanceId\", \"Sequence\", \"ActivityInstanceId\", \"ActivityId\", \"ActivityNodeId\", " +
        "\"ActivityType\", \"ActivityName\", \"EventName\", \"Outcome\", \"Message\", \"Timestamp\", \"ActivityStateJson\") VALUES " +
        "(@instanceId, @sequence, @activityInstanceId, @activityId, @activityNodeId, @activityType, @activityName, @eventName, " +
        "@outcome, @message, @timestamp, @activityState);";

    private const string InsertEffectSql =
        "INSERT INTO \"WorkflowEffects\" (\"Id\", \"Kind\", \"WorkflowInstanceId\", \"CorrelationId\", \"ActivityId\", " +
        "\"ActivityInstanceId\", \"DefinitionVersion\", \"PayloadJson\", \"CreatedAt\") VALUES (@id, @kind, @instanceId, @correlationId, " +
        "@activityId, @activityInstanceId, @version, @payload, @createdAt);";

    /// <summary>
    /// One IMMEDIATE transaction: the conditional instance insert/update (nothing matched → conflict, rolled back), bookmark
    /// upserts, bookmark consumption and journal inserts. Microsoft.Data.Sqlite runs its async methods synchronously, so the
    /// synchronous ADO.NET calls are used and the outcome is returned as a completed task.
    /// </summary>
    public Task<long> CommitAsync(WorkflowStepCommit commit, CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<long>(ct);
        try
        {
            return Task.FromResult(Commit(commit));
        }
        catch (Exception e)
        {
            return Task.FromException<long>(e);
        }
    }

    private long Commit(WorkflowStepCommit commit)
    {
        var state = commit.State;
        var json = WorkflowStateSerializer.Serialize(state);
        var stamp = (commit.ExpectedStamp ?? 0) + 1;

        // SQLite has one writer at a time anyway; a dedicated connection keeps its statements prepared across commits.
        lock (_writerGate)
        {
            _writer ??= OpenConnection();
            try
            {
                using var tx = _writer.BeginTransaction();
                var written = commit.ExpectedStamp is { } expected
                    ? UpdateInstance(_writer, tx, state, json, expected)
                    : InsertInstance(_writer, tx, state, json);
                if (!written) throw new ConcurrencyConflictException(state.Id); // the transaction is rolled back on dispose

                if (commit.AddedBookmarks.Count > 0) UpsertBookmarks(_writer, tx, commit.AddedBookmarks);
                if (commit.RemovedBookmarkIds.Count > 0) ConsumeBookmarks(_writer, tx, commit.RemovedBookmarkIds, _clock.GetUtcNow());
                if (commit.Journal.Count > 0) InsertJournal(_writer, tx, state.Id, commit.Journal);
                if (commit.Effects.Count > 0) InsertEffects(_writer, tx, commit.Effects);
                tx.Commit();
                return stamp;
            }
            catch (Exception e) when (e is not ConcurrencyConflictException)
            {
                ResetWriter(); // start the next commit on a fresh connection
                throw;
            }
        }
    }

    /// <summary>A pooled connection opened without a DbContext (which would cost more than the commit), with EF Core's pragmas.</summary>
    private SqliteConnection OpenConnection()
    {
        if (_commitConnectionString is null)
        {
            using var db = _contextFactory.CreateDbContext();
            _commitConnectionString = db.Database.GetConnectionString()
                ?? throw new InvalidOperationException("The workflow database has no connection string.");
        }
        var connection = new SqliteConnection(_commitConnectionString);
        connection.Open();
        SqliteConnectionSetupInterceptor.Instance.Configure(connection);
        return connection;
    }

    private bool InsertInstance(DbConnection connection, DbTransaction tx, WorkflowState s, string json)
    {
        var cmd = Command(connection, tx, InsertInstanceSql);
        Add(cmd, "@id", s.Id);
        AddIdentity(cmd, s);
        AddStatus(cmd, s);
        AddProgress(cmd, s, json, stamp: 1);
        return cmd.ExecuteNonQuery() == 1;
    }

    private bool UpdateInstance(DbConnection connection, DbTransaction tx, WorkflowState s, string json, long expected)
    {
        string definitionId, definitionVersionId, createdAt;
        string? correlationId;
        long version;
        {
            var cmd = Command(connection, tx, UpdateInstanceSql);
            Add(cmd, "@id", s.Id);
            Add(cmd, "@expected", expected);
            AddStatus(cmd, s);
            AddProgress(cmd, s, json, expected + 1);
            using var reader = cmd.ExecuteReader();
            if (!reader.Read()) return false;
            (definitionId, definitionVersionId, version) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            (correlationId, createdAt) = (reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4));
        }
        if (definitionId != s.DefinitionId || definitionVersionId != s.DefinitionVersionId || version != s.DefinitionVersion
            || correlationId != s.CorrelationId || createdAt != Format(s.CreatedAt))
        {
            var cmd = Command(connection, tx, UpdateIdentitySql);
            Add(cmd, "@id", s.Id);
            AddIdentity(cmd, s);
            cmd.ExecuteNonQuery();
        }
        return true;
    }

    private static void AddIdentity(DbCommand cmd, WorkflowState s)
    {
        Add(cmd, "@definitionId", s.DefinitionId);
        Add(cmd, "@definitionVersionId", s.DefinitionVersionId);
        Add(cmd, "@version", s.DefinitionVersion);
        Add(cmd, "@correlationId", s.CorrelationId);
        Add(cmd, "@createdAt", Format(s.CreatedAt));
    }

    private static void AddStatus(DbCommand cmd, WorkflowState s)
    {
        Add(cmd, "@status", s.Status.ToString());
        Add(cmd, "@subStatus", s.SubStatus.ToString());
    }

    private static void AddProgress(DbCommand cmd, WorkflowState s, string json, long stamp)
    {
        Add(cmd, "@name", s.Name);
        Add(cmd, "@incidentCount", s.Incidents.Count);
        Add(cmd, "@updatedAt", Format(s.UpdatedAt));
        Add(cmd, "@finishedAt", ToDbValue(s.FinishedAt));
        Add(cmd, "@stamp", stamp);
        Add(cmd, "@state", json);
    }

    private void UpsertBookmarks(DbConnection connection, DbTransaction tx, IReadOnlyList<Bookmark> bookmarks)
    {
        var cmd = Command(connection, tx, UpsertBookmarkSql);
        var p = new[] { "@id", "@instanceId", "@name", "@hash", "@correlationId", "@activityInstanceId", "@dueAt", "@createdAt", "@json" }
            .Select(name => Add(cmd, name, null)).ToArray();
        foreach (var b in bookmarks)
        {
            p[0].Value = b.Id;
            p[1].Value = b.WorkflowInstanceId;
            p[2].Value = b.Name;
            p[3].Value = b.Hash;
            p[4].Value = (object?)b.CorrelationId ?? DBNull.Value;
            p[5].Value = b.ActivityInstanceId;
            p[6].Value = ToDbValue(b.DueAt);
            p[7].Value = Format(b.CreatedAt);
            p[8].Value = WorkflowStateSerializer.Serialize(b);
            cmd.ExecuteNonQuery();
        }
    }

    private void ConsumeBookmarks(DbConnection connection, DbTransaction tx, IReadOnlyList<string> ids, DateTimeOffset now)
    {
        var cmd = Command(connection, tx, ConsumeBookmarkSql);
        Add(cmd, "@now", Format(now));
        var id = Add(cmd, "@id", null);
        foreach (var bookmarkId in ids)
        {
            id.Value = bookmarkId;
            cmd.ExecuteNonQuery();
        }
    }

    private void InsertJournal(DbConnection connection, DbTransaction tx, string instanceId, IReadOnlyList<JournalEntry> entries)
    {
        var cmd = Command(connection, tx, InsertJournalSql);
        Add(cmd, "@instanceId", instanceId);
        var p = new[] { "@sequence", "@activityInstanceId", "@activityId", "@activityNodeId", "@activityType", "@activityName",
                "@eventName", "@outcome", "@message", "@timestamp", "@activityState" }
            .Select(name => Add(cmd, name, null)).ToArray();
        foreach (var e in entries)
        {
            p[0].Value = e.Sequence;
            p[1].Value = e.ActivityInstanceId;
            p[2].Value = e.ActivityId;
            p[3].Value = e.ActivityNodeId;
            p[4].Value = e.ActivityType;
            p[5].Value = (object?)e.ActivityName ?? DBNull.Value;
            p[6].Value = e.EventName;
            p[7].Value = (object?)e.Outcome ?? DBNull.Value;
            p[8].Value = (object?)e.Message ?? DBNull.Value;
            p[9].Value = Format(e.Timestamp);
            p[10].Value = (object?)ToJson(e.ActivityState) ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
    }

    private void InsertEffects(DbConnection connection, DbTransaction tx, IReadOnlyList<WorkflowEffect> effects)
    {
        var cmd = Command(connection, tx, InsertEffectSql);
        var p = new[] { "@id", "@kind", "@instanceId", "@correlationId", "@activityId", "@activityInstanceId", "@version", "@payload", "@createdAt" }
            .Select(name => Add(cmd, name, null)).ToArray();
        foreach (var e in effects)
        {
            p[0].Value = e.Id;
            p[1].Value = e.Kind;
            p[2].Value = e.WorkflowInstanceId;
            p[3].Value = (object?)e.CorrelationId ?? DBNull.Value;
            p[4].Value = e.ActivityId;
            p[5].Value = e.ActivityInstanceId;
            p[6].Value = e.DefinitionVersion;
            p[7].Value = e.Payload.ToJsonString();
            p[8].Value = Format(e.CreatedAt);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>A command on the writer connection, prepared once per SQL text and reused (parameters rebound).</summary>
    private DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = (SqliteCommand)connection.CreateCommand();
            cmd.CommandText = sql;
            _commands[sql] = cmd;
        }
        cmd.Transaction = (SqliteTransaction?)tx;
        cmd.Parameters.Clear();
        return cmd;
    }

    /// <summary>Releases the dedicated writer connection.</summary>
    public void Dispose()
    {
        lock (_writerGate) ResetWriter();
    }

    private void ResetWriter()
    {
        foreach (var cmd in _commands.Values) cmd.Dispose();
        _commands.Clear();
        _writer?.Dispose();
        _writer = null;
    }

    private static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }
}
