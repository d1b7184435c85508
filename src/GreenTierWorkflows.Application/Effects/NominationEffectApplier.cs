using System.Text.Json;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>
/// Applies the workflow effects of the nomination activities to the bureau's tables (tasks, nomination status and stage,
/// history, listings, notice outbox), in commit order. Each batch and the cursor that records it are saved in one
/// transaction, so every effect is applied exactly once even across crashes and several app nodes (the cursor row is
/// a concurrency token: a node that lost the race re-reads and skips what the other applied). Each kind of effect has its
/// handler (<see cref="IEffectHandler"/>, beside it in <c>Application/Effects</c>), which reads the typed record the activity wrote.
/// </summary>
public sealed class NominationEffectApplier(IServiceScopeFactory scopes, IWorkflowEffectStore effects, TimeProvider clock,
    NominationOptions options, IEnumerable<IEffectHandler> handlers, ILogger<NominationEffectApplier> logger) : IEffectOutboxDrain
{
    public const string Consumer = "nominations";
    private readonly Dictionary<string, IEffectHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _retryRequested;

    /// <summary>A drain failed after its step committed; the next step or <see cref="EffectRetryService"/> drains again.</summary>
    public bool RetryRequested => _retryRequested;

    /// <summary>Marks the outbox as behind (applying failed): the next committed step drains it even without effects of its own.</summary>
    public void RequestRetry() => _retryRequested = true;

    /// <summary>Applies every effect not applied yet.</summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            while (await ApplyNextBatchAsync(ct)) { }
            _retryRequested = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> ApplyNextBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var cursor = await db.EffectCursors.FindAsync([Consumer], ct);
        if (cursor is null) db.EffectCursors.Add(cursor = new EffectCursor { Consumer = Consumer });
        var batch = await effects.ListEffectsAsync(cursor.Sequence, 100, ct);
        if (batch.Count == 0) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var stored in batch) await ApplyAsync(db, stored.Effect, ct);
        cursor.Sequence = batch[^1].Sequence;
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Another node applied workflow effects first; re-reading.");
        }
        return true;
    }

    private async Task ApplyAsync(GreenTierDbContext db, WorkflowEffect effect, CancellationToken ct)
    {
        var nomination = effect.CorrelationId is null ? null : await db.Nominations.FindAsync([effect.CorrelationId], ct);
        if (nomination is null)
        {
            logger.LogWarning("Effect {Kind} of instance {Instance} has no nomination ({Correlation}); skipped.", effect.Kind, effect.WorkflowInstanceId, effect.CorrelationId);
            return;
        }
        var now = clock.GetUtcNow();
        nomination.UpdatedAt = now;
        nomination.WorkflowVersion = effect.DefinitionVersion;
        if (!_handlers.TryGetValue(effect.Kind, out var handler))
        {
            logger.LogWarning("Unknown effect kind {Kind}; skipped.", effect.Kind);
            return;
        }
        try
        {
            await handler.ApplyAsync(new EffectApplication(db, nomination, effect, now, options.AppUrl), ct);
        }
        catch (JsonException e)
        {
            // A payload that does not fit its record would stop the outbox for good: it is logged and skipped instead.
            logger.LogError(e, "Effect {Kind} ({Id}) of instance {Instance} does not fit its record; skipped.", effect.Kind, effect.Id, effect.WorkflowInstanceId);
        }
    }
}
