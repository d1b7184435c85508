using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Refusals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// How an endpoint renders a use case's answer: the value as 200 (or 201, 204), a refusal as the problem of its kind
/// (<see cref="ProblemResults"/>). Typed, so the OpenAPI document lists every answer an operation can give.
/// </summary>
public static class DomainResultHttp
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOk<T>(this DomainResult<T> result)
    {
        if (result.Error is null) return TypedResults.Ok(result.Value!);
        if (result.Error.Kind == DomainErrorKind.Validation) return Invalid(result.Error);
        return Refused(result.Error);
    }

    /// <summary>A read that takes no input (by id): the value as 200 or a refusal as 403/404; the OpenAPI document lists no 400.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToFound<T>(this DomainResult<T> result) =>
        result.Error is null ? TypedResults.Ok(result.Value!) : Refused(result.Error);

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this DomainResult<T> result, Func<T, string> location)
    {
        if (result.Error is null) return TypedResults.Created(location(result.Value!), result.Value!);
        if (result.Error.Kind == DomainErrorKind.Validation) return Invalid(result.Error);
        return Refused(result.Error);
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this DomainResult<T> result)
    {
        if (result.Error is null) return TypedResults.NoContent();
        if (result.Error.Kind == DomainErrorKind.Validation) return Invalid(result.Error);
        return Refused(result.Error);
    }

    /// <summary>A refusal as 400 (with its field messages) or 403/404/409.</summary>
    public static Results<ValidationProblem, ProblemHttpResult> ToProblem(this DomainError error) =>
        error.Kind == DomainErrorKind.Validation ? Invalid(error) : Refused(error);

    public static ValidationProblem ToProblem(this FieldErrors errors) => Invalid(errors.ToError());

    private static ValidationProblem Invalid(DomainError error) => ProblemResults.Invalid(
        error.Fields?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new Dictionary<string, string[]> { [""] = [error.Message] }, error.Message);

    private static ProblemHttpResult Refused(DomainError error) => error.Kind switch
    {
        DomainErrorKind.NotFound => ProblemResults.NotFound(error.Message),
        DomainErrorKind.Forbidden => ProblemResults.Forbidden(error.Message),
        _ => ProblemResults.Conflict(error.Message),
    };
}
