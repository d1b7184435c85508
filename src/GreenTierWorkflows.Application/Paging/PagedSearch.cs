using GreenTierWorkflows.Domain.Refusals;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Paging;

/// <summary>
/// One page of a list search that runs in the database: the search's refusal and the paging's field errors are answered
/// as one refusal (the search's first); otherwise the rows matching are counted and one page of them is read.
/// </summary>
public static class PagedSearch
{
    /// <summary>
    /// Reads <paramref name="page"/> and <paramref name="pageSize"/> (<see cref="PageRequest"/>), counts the rows of
    /// <paramref name="search"/> — or takes the total from <paramref name="counted"/> when the caller has it counted
    /// already (the same rows, e.g. from the dashboard's counts) — and lets <paramref name="read"/> turn the page's rows
    /// (already skipped and taken) into items.
    /// </summary>
    public static async Task<DomainResult<PageOf<TItem>>> PageAsync<TRow, TItem>(DomainResult<IQueryable<TRow>> search, int? page, int? pageSize,
        Func<IQueryable<TRow>, CancellationToken, Task<List<TItem>>> read, CancellationToken ct, Func<CancellationToken, Task<int>>? counted = null)
    {
        var paging = PageRequest.Read(page, pageSize);
        if (search.Error is { } refused) return refused;
        if (paging.Error is { } invalid) return invalid;
        var request = paging.Value;
        var total = counted is not null ? await counted(ct) : await search.Value!.CountAsync(ct);
        return request.Of(await read(search.Value!.Skip(request.Skip).Take(request.PageSize), ct), total);
    }
}
