using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>Maps a refused domain request to an RFC 7807 answer with a Chinese title and field errors.</summary>
public static class ProblemResults
{
    public static IResult From(DomainError error) => error.Kind switch
    {
        DomainErrorKind.Validation => TypedResults.ValidationProblem(
            error.Fields?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new Dictionary<string, string[]> { [""] = [error.Message] },
            detail: error.Message, title: "提交的内容有误"),
        DomainErrorKind.NotFound => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status404NotFound, title: "未找到"),
        DomainErrorKind.Forbidden => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "操作冲突"),
    };
}
