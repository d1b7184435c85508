namespace GreenTierWorkflows.Application.Paging;

/// <summary>
/// One page of a list, the only paging shape of the API: <c>items</c>, <c>total</c> (rows matching the filter, all pages),
/// <c>page</c> (from 1) and <c>pageSize</c>, as asked for (see <see cref="PageRequest"/>).
/// </summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
