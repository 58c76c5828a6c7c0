using Approval.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Idempotency;

/// <summary>The RFC 9457 answers of the idempotency layer; <c>code</c> and <c>type</c> as for every other refusal.</summary>
internal static class IdempotencyProblems
{
    public const string InvalidCode = "idempotency-key-invalid";
    public const string ReusedCode = "idempotency-key-reused";
    public const string InFlightCode = "idempotency-key-in-flight";

    public static IResult Invalid(string message) => Problem(
        StatusCodes.Status400BadRequest, "The request is not valid.", InvalidCode, message,
        new Dictionary<string, string[]> { [IdempotencyHeaders.Key] = [message] });

    public static IResult Reused(string key) => Problem(
        StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request.", ReusedCode,
        $"Idempotency-Key '{key}' was first used with a different method, path or body. Use a new key for a new request.",
        new Dictionary<string, string[]> { [IdempotencyHeaders.Key] = ["already used for a different request"] });

    public static IResult InFlight(string key) => Problem(
        StatusCodes.Status409Conflict, "The first request with this Idempotency-Key is still running.", InFlightCode,
        $"A request with Idempotency-Key '{key}' is still being processed. Retry after the Retry-After interval to get its answer.",
        errors: null);

    private static ProblemHttpResult Problem(int status, string title, string code, string detail, Dictionary<string, string[]>? errors)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: ProblemTypes.For(code), extensions: extensions);
    }
}
