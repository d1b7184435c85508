using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The one problem vocabulary of <c>/api</c>: every refusal is an RFC 7807 answer built here, with one Chinese title per
/// kind — 400 <see cref="InvalidTitle"/> (field errors keyed by the JSON field name), 403 <see cref="ForbiddenTitle"/>,
/// 404 <see cref="NotFoundTitle"/>, 409 <see cref="ConflictTitle"/> — and the particular reason in <c>detail</c>.
/// </summary>
public static class ProblemResults
{
    public const string InvalidTitle = "提交的内容有误";
    public const string ForbiddenTitle = "无权操作";
    public const string NotFoundTitle = "未找到";
    public const string ConflictTitle = "操作冲突";

    /// <summary>A refused domain request (<see cref="DomainError"/>) as its problem.</summary>
    public static IResult From(DomainError error) => error.ToProblem().Result;

    /// <summary>400 with the field errors; <paramref name="detail"/> defaults to every message joined.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? string.Join("；", errors.Values.SelectMany(v => v)), title: InvalidTitle);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, NotFoundTitle, detail);

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, ForbiddenTitle, detail);

    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, ConflictTitle, detail);

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
