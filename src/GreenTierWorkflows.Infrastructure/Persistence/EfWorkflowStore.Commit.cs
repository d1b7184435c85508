using System.Data.Common;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Infrastructure.Persistence.SortableDateTimeOffset;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>
/// The step commit path, on SQLite or PostgreSQL (the SQL is common to both). SQLite's cost per commit is roughly the number of pages it dirties (each is a WAL frame: two
/// pwrite calls and a larger fsync), so the statements avoid touching indexes that do not change: an update assigns the
/// indexed identity columns only when they differ from the stored ones (read back with RETURNING from the same statement,
/// not with an extra query). Status and progress columns have no index and are written by the one UPDATE.
/// </summary>
public sealed partial class EfWorkflowStore
{
    private readonly object _writerGate = new();
    private DbConnection? _writer;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>
    /// PostgreSQL only: the transaction-scoped advisory lock a commit takes before it writes workflow effects. Identity
    /// values are handed out at insert time, not at commit; with the lock, effect-writing transactions run one after the
    /// other, so the sequence order is the commit order and a reader paging by it never skips a row that commits later.
    /// </summary>
    private static readonly string EffectOrderLockSql = $"SELECT pg_advisory_xact_lock({AdvisoryLockKeys.EffectOrder});";

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
    /// Commits one workflow step: the conditional instance insert/update (nothing matched → conflict), bookmark upserts,
    /// bookmark consumption, journal and effect inserts, all or nothing. The returned task completes only once the step is
    /// durable (its transaction's fsync has returned).
    /// </summary>
    /// <remarks>
    /// <para><b>Group commit.</b> SQLite has one writer, and each commit's cost is dominated by its fsync. Steps that arrive
    /// while a commit is in progress queue up; the next commit takes all of them in one IMMEDIATE transaction, each step
    /// inside its own SAVEPOINT, so one fsync makes the whole group durable. A step whose optimistic check fails is rolled
    /// back to its savepoint and fails alone; any other error rolls the group back and its steps are committed again one by
    /// one, so only the step that caused it fails. No caller is told "committed" before the fsync, so a crash loses nothing
    /// that was acknowledged. A lone step (the usual case when one official works) is one transaction without savepoints.</para>
    /// <para><b>Who commits.</b> The caller that finds no commit in progress leads: it commits the queue (its own step
    /// included), then hands the lead to the oldest waiting step, whose caller commits the next group. Nobody leads twice in a
    /// row, so a busy store never keeps one caller waiting for other people's steps.</para>
    /// <para>Microsoft.Data.Sqlite runs its async methods synchronously, so the statements are synchronous ADO.NET calls.</para>
    /// </remarks>
    public Task<long> CommitAsync(WorkflowStepCommit commit, CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<long>(ct);
        PendingStep step;
        try
        {
            step = new PendingStep(commit, WorkflowStateSerializer.Serialize(commit.State));
        }
        catch (Exception e)
        {
            return Task.FromException<long>(e);
        }

        bool lead;
        Interlocked.Increment(ref _stepsInFlight);
        lock (_queueGate)
        {
            _queue.Add(step);
            lead = !_leading;
            _leading = true;
        }
        return lead ? LeadAsync(step) : FollowAsync(step);
    }

    private async Task<long> FollowAsync(PendingStep step)
    {
        // Completed by the leader with the outcome, or with "lead" when this step is the oldest one still waiting.
        // ConfigureAwait(false): a promoted caller leads on a pool thread, not on its own synchronization context (a busy
        // Blazor circuit would otherwise hold every other caller's commit until it got round to this continuation).
        if (await step.Turn.Task.ConfigureAwait(false)) return await LeadAsync(step).ConfigureAwait(false);
        return step.Outcome();
    }

    private Task<long> LeadAsync(PendingStep own)
    {
        List<PendingStep> group;
        lock (_queueGate)
        {
            group = _queue;
            _queue = [];
        }
        try
        {
            CommitGroup(group);
        }
        catch (Exception e) // CommitGroup records outcomes itself; this only keeps a failure there from stalling the queue
        {
            foreach (var step in group)
                if (!step.Committed) step.Error ??= e;
        }
        Interlocked.Add(ref _stepsInFlight, -group.Count);

        PendingStep? next = null;
        lock (_queueGate)
        {
            if (_queue.Count > 0) next = _queue[0];
            else _leading = false;
        }
        foreach (var step in group)
            if (!ReferenceEquals(step, own)) step.Turn.TrySetResult(false);
        next?.Turn.TrySetResult(true);
        try
        {
            return Task.FromResult(own.Outcome());
        }
        catch (Exception e)
        {
            return Task.FromException<long>(e);
        }
    }

    /// <summary>Commits a group; records each step's stamp or exception on it. Never throws.</summary>
    private void CommitGroup(IReadOnlyList<PendingStep> group)
    {
        lock (_writerGate)
        {
            try
            {
                _writer ??= OpenConnection();
                using var tx = _writer.BeginTransaction();
                if (Database.IsPostgreSql && group.Any(step => step.Commit.Effects.Count > 0))
                    Command(_writer, tx, EffectOrderLockSql).ExecuteNonQuery(); // first, so it never waits while holding row locks
                if (group.Count == 1)
                {
                    WriteStep(_writer, tx, group[0]); // a conflict throws and the transaction is rolled back on dispose
                }
                else
                {
                    foreach (var step in group)
                    {
                        tx.Save("step");
                        try
                        {
                            WriteStep(_writer, tx, step);
                            tx.Release("step");
                        }
                        catch (ConcurrencyConflictException e)
                        {
                            tx.Rollback("step");
                            tx.Release("step");
                            step.Error = e;
                        }
                    }
                }
                tx.Commit();
                Interlocked.Increment(ref _transactionsCommitted);
                foreach (var step in group) step.Committed = step.Error is null;
            }
            catch (ConcurrencyConflictException e) when (group.Count == 1)
            {
                group[0].Error = e;
            }
            catch (Exception e)
            {
                ResetWriter(); // start the next commit on a fresh connection
                if (group.Count == 1)
                {
                    group[0].Error = e;
                    return;
                }
                foreach (var step in group) // only the step that caused it may fail: commit each alone
                {
                    step.Error = null;
                    CommitGroup([step]);
                }
            }
        }
    }

    private void WriteStep(DbConnection writer, DbTransaction tx, PendingStep step)
    {
        var commit = step.Commit;
        var state = commit.State;
        var written = commit.ExpectedStamp is { } expected
            ? UpdateInstance(writer, tx, state, step.Json, expected)
            : InsertInstance(writer, tx, state, step.Json);
        if (!written) throw new ConcurrencyConflictException(state.Id);

        if (commit.AddedBookmarks.Count > 0) UpsertBookmarks(writer, tx, commit.AddedBookmarks);
        if (commit.RemovedBookmarkIds.Count > 0) ConsumeBookmarks(writer, tx, commit.RemovedBookmarkIds, _clock.GetUtcNow());
        if (commit.Journal.Count > 0) InsertJournal(writer, tx, state.Id, commit.Journal);
        if (commit.Effects.Count > 0) InsertEffects(writer, tx, commit.Effects);
    }

    /// <summary>Transactions committed by this store (a group of concurrent steps counts once): steps ÷ this = steps per fsync.</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <summary>Steps handed to <see cref="CommitAsync"/> that have no outcome yet (queued or being committed).</summary>
    public int StepsInFlight => Volatile.Read(ref _stepsInFlight);

    private long _transactionsCommitted;
    private int _stepsInFlight;
    private readonly object _queueGate = new();
    private List<PendingStep> _queue = [];
    private bool _leading;

    /// <summary>A step waiting for, or taking part in, a group commit.</summary>
    private sealed class PendingStep(WorkflowStepCommit commit, string json)
    {
        public WorkflowStepCommit Commit { get; } = commit;
        public string Json { get; } = json;
        public bool Committed { get; set; }
        public Exception? Error { get; set; }

        /// <summary>true: this caller leads the next group; false: its step has an outcome.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Outcome()
        {
            if (Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Error);
            return Committed ? (Commit.ExpectedStamp ?? 0) + 1 : throw new InvalidOperationException("The step was not committed.");
        }
    }

    /// <summary>A pooled connection opened without a DbContext (which would cost more than the commit), with EF Core's settings.</summary>
    private DbConnection OpenConnection() => Database.OpenConnection();

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
            cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            _commands[sql] = cmd;
        }
        cmd.Transaction = tx;
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

    /// <summary>
    /// Sets a parameter of a command, reusing the one already there under that name: a kept command must keep its
    /// parameter objects, because Npgsql's automatic preparation (<c>Max Auto Prepare</c>) binds a prepared command to the
    /// objects it was first run with, and new ones added after a <c>Clear()</c> were ignored (the previous call's values
    /// were sent again). Each statement always sets the same names, so nothing stale is left.
    /// </summary>
    private static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        if (cmd.Parameters.Contains(name))
        {
            var kept = cmd.Parameters[name];
            kept.Value = value ?? DBNull.Value;
            return kept;
        }
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }
}
