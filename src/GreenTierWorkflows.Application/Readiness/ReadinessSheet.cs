namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// The 培育梯度 workbook of the official's scope for <see cref="RoundYear"/>, a batch of rows at a time in the ladder's order.
/// Enumerate <see cref="Rows"/> once, on the context that made it.
/// </summary>
public sealed record ReadinessSheet(int RoundYear, IAsyncEnumerable<IReadOnlyList<ReadinessSheetRow>> Rows);
