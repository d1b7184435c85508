namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// The ladder of the official's scope for the coming round, a batch of assessed rows at a time (in the board's order), for
/// whoever aggregates over a whole scope — the plan, the notices — without holding every row: memory stays flat at city scale.
/// Enumerate <see cref="Rows"/> once, on the context that made it.
/// </summary>
public sealed record ReadinessBatches(int RoundYear, IAsyncEnumerable<IReadOnlyList<MemberReadiness>> Rows);
