using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Refusals;

namespace GreenTierWorkflows.Application.Paging;

/// <summary>
/// The one paging convention of every list: <c>page</c> counts from 1 (default 1) and <c>pageSize</c> is 1 to
/// <see cref="MaxPageSize"/> (default <see cref="DefaultPageSize"/>). A value outside is refused with a field error naming
/// it (never clamped); the answer is a <see cref="PageOf{T}"/>. (Named PageRequest, not Paging, so that it does not clash
/// with its namespace inside the application layer.)
/// </summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Rows before this page.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>Reads <c>page</c> and <c>pageSize</c>; each value outside the convention is reported to <paramref name="fail"/> by field.</summary>
    public static PageRequest Read(int? page, int? pageSize, Action<string, string> fail)
    {
        if (page < 1) fail("page", "页码从 1 开始。");
        if (pageSize is < 1 or > MaxPageSize) fail("pageSize", $"每页条数应在 1 到 {MaxPageSize} 之间。");
        return new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>Reads the paging of a request; a value outside the convention is a validation refusal naming its field.</summary>
    public static DomainResult<PageRequest> Read(int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = Read(page, pageSize, errors.Add);
        return errors.Any ? errors.ToError() : paging;
    }

    /// <summary>This page of a list whose filter matched <paramref name="total"/> rows.</summary>
    public PageOf<T> Of<T>(IReadOnlyList<T> items, int total) => new(items, total, Page, PageSize);

    /// <summary>This page of a list held in memory.</summary>
    public PageOf<T> Slice<T>(IReadOnlyList<T> all) => Of(all.Skip(Skip).Take(PageSize).ToList(), all.Count);
}
