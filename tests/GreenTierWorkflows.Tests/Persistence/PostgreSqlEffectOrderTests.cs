using System.Text.Json.Nodes;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// Workflow effects on PostgreSQL with two app nodes writing at once. The effect applier pages effects by sequence and
/// keeps a cursor; PostgreSQL hands out identity values at insert time, so without ordering a transaction holding a
/// lower sequence could commit after the reader has moved past it, and that effect would never be applied. The store
/// orders effect-writing commits (an advisory lock), so a later effect only gets its sequence once the earlier
/// transaction has committed.
/// </summary>
public sealed class PostgreSqlEffectOrderTests : IDisposable
{
    private readonly TestPostgresDatabase _database = new();

    [Fact]
    public async Task AnEffectCommittedLate_IsNotSkipped_ByAReaderThatAlreadySawALaterOne()
    {
        using var nodeA = EfWorkflowStore.Create(AppDatabase.PostgreSql(_database.ConnectionString));
        using var nodeB = EfWorkflowStore.Create(AppDatabase.PostgreSql(_database.ConnectionString));
        using var applier = EfWorkflowStore.Create(AppDatabase.PostgreSql(_database.ConnectionString));
        // Node A's transaction stalls for a second right after its effect row took its sequence value (as a slow disk or
        // a paused process would), while node B commits an effect of its own.
        await ExecuteAsync("""
            CREATE FUNCTION stall_effect() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
            CREATE TRIGGER stall_effect AFTER INSERT ON "WorkflowEffects" FOR EACH ROW WHEN (NEW."Id" = 'e-slow') EXECUTE FUNCTION stall_effect();
            """);

        var slow = Task.Run(() => nodeA.CommitAsync(Step("slow")));
        await Task.Delay(300);
        await nodeB.CommitAsync(Step("fast"));

        // The applier pages by sequence and moves its cursor past what it read.
        var seen = new List<string>();
        long cursor = 0;
        async Task ReadAsync()
        {
            foreach (var stored in await applier.ListEffectsAsync(cursor, 100))
            {
                seen.Add(stored.Effect.Id);
                cursor = stored.Sequence;
            }
        }
        await ReadAsync();
        await slow;
        await ReadAsync();

        Assert.Equal(["e-slow", "e-fast"], seen);
    }

    private static WorkflowStepCommit Step(string name) => NewInstance(State("i-" + name)) with
    {
        Effects = [new WorkflowEffect("e-" + name, "review-task.opened", "i-" + name, "nomination-" + name, "review", "ctx-" + name, 1, new JsonObject(), T0)],
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _database.Dispose();
}
