using Approval.Engine.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Problems;

/// <summary>Turns the engine's refusals into RFC 9457 problem details that name the field at fault.</summary>
public static class RefusalProblems
{
    public static ProblemHttpResult ToProblem(this Refusal refusal)
    {
        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Invalid => (StatusCodes.Status400BadRequest, "The request is not valid."),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
            RefusalKind.Conflict => (StatusCodes.Status409Conflict, "The case does not allow this now."),
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "You may not do this."),
            _ => (StatusCodes.Status400BadRequest, "Refused."),
        };
        var extensions = new Dictionary<string, object?> { ["code"] = refusal.Code };
        if (refusal.Errors is { Count: > 0 } errors)
        {
            extensions["errors"] = errors;
        }
        else if (refusal.Field is { } field)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [refusal.Message] };
        }

        return TypedResults.Problem(detail: refusal.Message, statusCode: status, title: title, type: ProblemTypes.For(refusal.Code), extensions: extensions);
    }

    /// <summary>A 400 for input that never reached the engine, naming the field.</summary>
    public static ProblemHttpResult Invalid(string code, FieldPath field, string message) =>
        Refusal.Invalid(code, field, message).ToProblem();
}

/// <summary>Problem type URIs: stable per refusal code, so clients can branch on them.</summary>
public static class ProblemTypes
{
    public static string For(string code) => $"urn:approval:problem:{code}";
}
