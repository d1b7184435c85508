namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// Applies every committed workflow effect not applied yet (implemented by the application's effect applier), so a sweep
/// sees the projection of every recorded step before it judges a file orphaned.
/// </summary>
public interface IEffectOutboxDrain
{
    Task DrainAsync(CancellationToken ct = default);
}
