namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>
/// The PostgreSQL advisory locks the app's nodes take, in one place: a key is shared by every database user of the server's
/// database, so two uses sharing one would wait on each other (the effect applier's lock, first given the start-up lock's
/// key, made every node's start-up drain wait for its own start-up lock until the command timed out).
/// </summary>
public static class AdvisoryLockKeys
{
    /// <summary>Transaction lock of a workflow commit that writes effects: effect sequence order is commit order (<see cref="EfWorkflowStore"/>).</summary>
    public const long EffectOrder = 7303202401;

    /// <summary>Session lock of a node's start-up work: migrations, seeding, workflow import (<see cref="StartupLock"/>).</summary>
    public const long StartUp = 7303202402;

    /// <summary>Transaction lock of the effect applier's batch: nodes apply the outbox in turns (<see cref="Domain.EffectCursorLock"/>).</summary>
    public const long EffectApplier = 7303202403;

    /// <summary>Session lock of 培育梯度's standings rebuild: one node assesses the city (<see cref="Domain.MemberStandingStore"/>); "GTWSTAND".</summary>
    public const long StandingsRebuild = 0x4754_5753_5441_4e44;
}
