using GreenTierWorkflows.Application.Paging;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The paging convention (<see cref="PageRequest"/>, in the application layer) for endpoints that still read it
/// themselves: a value outside it becomes the API's 400. Endpoints that call a use case let the use case read the paging.
/// </summary>
public static class Paging
{
    /// <summary>Reads the paging of a request; <paramref name="problem"/> is the 400 when a value is outside the convention.</summary>
    public static bool TryRead(int? page, int? pageSize, out PageRequest paging, out IResult? problem)
    {
        var read = PageRequest.Read(page, pageSize);
        paging = read.Value;
        problem = read.Error is { } error ? ProblemResults.From(error) : null;
        return problem is null;
    }
}
