using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Approval.Api.Problems;

/// <summary>
/// Requests the framework could not bind — bad JSON, a string where a number belongs, a query
/// parameter that is not a number, a body of the wrong media type or over the size limit — become
/// problem details that name the JSON path or parameter at fault, instead of an empty 400 or a 500.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (code, title, detail, errors) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = bad.StatusCode,
            Title = title,
            Detail = detail,
            Type = ProblemTypes.For(code),
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (string Code, string Title, string Detail, Dictionary<string, string[]>? Errors) Describe(BadHttpRequestException bad)
    {
        switch (bad.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return ("body-too-large", "The request body is too large.", StatusProblems.BodyTooLarge, null);
            case StatusCodes.Status415UnsupportedMediaType:
                return ("unsupported-media-type", "The request body is not JSON.", StatusProblems.UnsupportedMediaType, null);
        }

        if (bad.InnerException is JsonException json)
        {
            var path = FieldPath(json.Path);
            // The reader's reason (invalid UTF-8, a lone surrogate) is the inner exception; the outer one only says "could not be converted".
            var message = FirstSentence(json.Message) + (json.InnerException is InvalidOperationException invalid ? " " + invalid.Message : "");
            return ("malformed-body", "The request body could not be read.", $"Malformed JSON at {path}: {message}", new() { [path] = [message] });
        }

        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var message = $"'{failed.Groups["value"].Value}' is not a valid {Friendly(failed.Groups["type"].Value)} for {name}.";
            return ("invalid-parameter", "A parameter is not valid.", message, new() { [name] = [message] });
        }

        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
        {
            var source = missing.Groups["source"].Value;
            var name = source == "body" ? "$" : missing.Groups["name"].Value;
            var message = source == "body" ? "This call needs a JSON body; send at least {}." : $"The parameter {name} is required.";
            return (source == "body" ? "body-required" : "parameter-required", "A required part of the request is missing.", message, new() { [name] = [message] });
        }

        if (MissingBody().IsMatch(bad.Message))
        {
            const string message = "This call needs a JSON body; send at least {}.";
            return ("body-required", "The request body is missing.", message, new() { ["$"] = [message] });
        }

        return ("malformed-request", "The request could not be read.", bad.Message, null);
    }

    /// <summary>A System.Text.Json path as the API names fields elsewhere: <c>$.applicant.name</c> → <c>applicant.name</c>; the whole body is <c>$</c>.</summary>
    private static string FieldPath(string? path) => path switch
    {
        null or "" or "$" => "$",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path.TrimStart('$'),
    };

    private static string Friendly(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" => "whole number",
        "bool" => "boolean (true or false)",
        "Guid" => "GUID",
        var other => other,
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // The framework's own wording (RequestDelegateFactory); ProblemsTests pin it, so a change of wording fails a test, not a client.
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]+) (?<name>[^ \"]+)\" was not provided from (?<source>[^.]+)\\.$", RegexOptions.Singleline)]
    private static partial Regex MissingParameter();

    [GeneratedRegex("^Implicit body inferred for parameter \"[^\"]+\" but no body was provided\\.", RegexOptions.Singleline)]
    private static partial Regex MissingBody();
}
