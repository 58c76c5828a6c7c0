using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Approval.Api.Problems;

/// <summary>
/// Malformed request bodies (bad JSON, a string where a number belongs) become 400 problem
/// details naming the JSON path, instead of an empty 400 or a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        var path = json?.Path;
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request body could not be read.",
            Detail = json is null ? bad.Message : $"Malformed JSON at {path ?? "$"}: {FirstSentence(json.Message)}",
            Type = ProblemTypes.For(bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body-too-large" : "malformed-body"),
        };
        problem.Extensions["code"] = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body-too-large" : "malformed-body";
        if (path is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [path] = [FirstSentence(json!.Message)] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
