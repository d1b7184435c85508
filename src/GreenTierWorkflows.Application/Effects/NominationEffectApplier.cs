using System.Diagnostics.Metrics;
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
/// a concurrency token: a node that lost the race re-reads and skips what the other applied; on PostgreSQL nodes take
/// turns under an advisory lock, <see cref="EffectCursorLock"/>, so none applies a batch only to lose it). Each kind of effect has its
/// handler (<see cref="IEffectHandler"/>, beside it in <c>Application/Effects</c>), which reads the typed record the activity wrote.
/// </summary>
public sealed class NominationEffectApplier(IServiceScopeFactory scopes, IWorkflowEffectStore effects, TimeProvider clock,
    NominationOptions options, IEnumerable<IEffectHandler> handlers, ILogger<NominationEffectApplier> logger, IMeterFactory? meters = null) : IEffectOutboxDrain
{
    public const string Consumer = "nominations";

    /// <summary>The applier's meter (<c>dotnet-counters monitor --counters GreenTierWorkflows.Effects</c>).</summary>
    public const string MeterName = "GreenTierWorkflows.Effects";

    /// <summary>Drain requests by result (tag <c>result</c>): <c>drained</c> read the outbox, <c>covered</c> was served by a drain that started after it.</summary>
    public const string DrainRequestsInstrument = "gtw.effects.drain.requests";

    private readonly Counter<long>? _drainRequests = meters?.Create(MeterName).CreateCounter<long>(DrainRequestsInstrument, "{request}",
        "Requests to apply the effect outbox, by whether they read it (drained) or an earlier drain had covered them (covered).");
    private readonly Dictionary<string, IEffectHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private const int BatchSize = 100;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _retryRequested;
    private long _arrivals;
    private long _drainedThrough;

    /// <summary>A drain failed after its step committed; the next step or <see cref="EffectRetryService"/> drains again.</summary>
    public bool RetryRequested => _retryRequested;

    /// <summary>Marks the outbox as behind (applying failed): the next committed step drains it even without effects of its own.</summary>
    public void RequestRetry() => _retryRequested = true;

    /// <summary>
    /// Applies every effect not applied yet, or returns at once when a drain that started after this call arrived has
    /// already finished: that drain read the outbox after the caller's step committed, so it applied the caller's effects.
    /// Callers are numbered as they arrive; a drain records the number it started at once it reaches the end of the outbox.
    /// With 16 officials deciding at once, one drain thus serves the decisions queued behind it instead of each re-reading an
    /// outbox the previous one emptied.
    /// </summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        var arrival = Interlocked.Increment(ref _arrivals);
        await _gate.WaitAsync(ct);
        try
        {
            if (_drainedThrough >= arrival && !_retryRequested)
            {
                _drainRequests?.Add(1, new KeyValuePair<string, object?>("result", "covered"));
                return;
            }
            _drainRequests?.Add(1, new KeyValuePair<string, object?>("result", "drained"));
            var covers = Interlocked.Read(ref _arrivals);
            while (await ApplyNextBatchAsync(ct)) { }
            _drainedThrough = covers;
            _retryRequested = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the next batch; false once the outbox is empty (a batch shorter than the batch size was its end).</summary>
    private async Task<bool> ApplyNextBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        // Several nodes (PostgreSQL): one applies a batch while the others wait, then read the cursor it stored.
        await using var locked = await EffectCursorLock.BeginAsync(db, ct);
        var found = await db.EffectCursors.FindAsync([Consumer], ct);
        var firstCursor = found is null;
        var cursor = found ?? db.EffectCursors.Add(new EffectCursor { Consumer = Consumer }).Entity;
        var batch = await effects.ListEffectsAsync(cursor.Sequence, BatchSize, ct);
        if (batch.Count == 0) return false;
        await using var begun = locked is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var tx = locked ?? begun!;
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
            return true;
        }
        catch (DbUpdateException) when (firstCursor)
        {
            // On a new database two nodes can both find no cursor; the one whose insert lost applied nothing (its
            // transaction rolled back) and re-reads from the cursor the other stored. Any other failure stands.
            if (!await CursorExistsAsync(ct)) throw;
            logger.LogInformation("Another node stored the first effect cursor; re-reading.");
            return true;
        }
        return batch.Count == BatchSize;
    }

    private async Task<bool> CursorExistsAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().EffectCursors.AnyAsync(c => c.Consumer == Consumer, ct);
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
