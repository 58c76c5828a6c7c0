using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Approval.Api.Problems;

/// <summary>
/// Problem details the framework writes on its own (no route matched, wrong method, a body too
/// large or not JSON) get the same <c>code</c>, <c>type</c> and a <c>detail</c> as ours. 401 and 403
/// are left to the authentication handler, which writes its own.
/// </summary>
internal static class StatusProblems
{
    public const string BodyTooLarge = "The request body is over the 1 MiB limit; nothing was read or changed.";
    public const string UnsupportedMediaType = "Send the body as JSON with Content-Type: application/json.";

    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden || problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var (code, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("route-not-found", $"No API route matches {request.Method} {request.Path}; case, task and message ids are GUIDs."),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", $"{request.Path} does not take {request.Method}."),
            StatusCodes.Status413PayloadTooLarge => ("body-too-large", BodyTooLarge),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", UnsupportedMediaType),
            _ => (JsonNamingPolicy.KebabCaseLower.ConvertName(ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal)), ReasonPhrases.GetReasonPhrase(status) + "."),
        };
        problem.Extensions["code"] = code;
        problem.Type = ProblemTypes.For(code);
        problem.Detail ??= detail;
    }
}
