namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The one paging convention of <c>/api</c> lists: query <c>page</c> counts from 1 (default 1) and <c>pageSize</c> is 1 to
/// <see cref="MaxPageSize"/> (default <see cref="DefaultPageSize"/>). A value outside is refused with a 400 naming the
/// field (never clamped); the answer is a <see cref="PageOf{T}"/>.
/// </summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Rows before this page.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>Reads <c>page</c> and <c>pageSize</c>; each value outside the convention is reported to <paramref name="fail"/> by field.</summary>
    public static Paging Read(int? page, int? pageSize, Action<string, string> fail)
    {
        if (page < 1) fail("page", "页码从 1 开始。");
        if (pageSize is < 1 or > MaxPageSize) fail("pageSize", $"每页条数应在 1 到 {MaxPageSize} 之间。");
        return new Paging(page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>Reads the paging of a request; <paramref name="problem"/> is the 400 when a value is outside the convention.</summary>
    public static bool TryRead(int? page, int? pageSize, out Paging paging, out IResult? problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        paging = Read(page, pageSize, (field, message) => errors[field] = [message]);
        problem = errors.Count > 0 ? ProblemResults.Invalid(errors) : null;
        return problem is null;
    }

    /// <summary>This page of a list whose filter matched <paramref name="total"/> rows.</summary>
    public PageOf<T> Of<T>(IReadOnlyList<T> items, int total) => new(items, total, Page, PageSize);

    /// <summary>This page of a list held in memory.</summary>
    public PageOf<T> Slice<T>(IReadOnlyList<T> all) => Of(all.Skip(Skip).Take(PageSize).ToList(), all.Count);
}
