using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Approval.Security;

/// <summary>
/// RFC 9457 problem details for authentication and authorization answers, shared by the
/// authentication handler and API endpoints so that every 401/403 looks the same.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static class SecurityProblems
{
    /// <summary>
    /// Key in <see cref="HttpContext.Items"/> whose value becomes the <c>detail</c> of a 403
    /// answer written by the authentication schemes (set by the authorization result handler,
    /// which knows the roles the policy wanted).
    /// </summary>
    public const string ForbiddenDetailKey = "approval:forbidden-detail";

    /// <summary>
    /// A problem result with <c>type</c> <c>urn:approval:problem:&lt;code&gt;</c> (as every other
    /// problem of the API), the given title and detail, <c>instance</c> = the request path and
    /// the extension member <c>code</c> (kebab-case).
    /// It goes through <c>IProblemDetailsService</c> when the app registered one.
    /// </summary>
    public static ProblemHttpResult Create(int status, string title, string detail, string code, string? instance = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Instance = instance,
            Type = $"urn:approval:problem:{code}",
        };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    /// <summary>The 403 for a request whose roles the endpoint's policy does not admit.</summary>
    public static Task WriteForbiddenAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detail = context.Items.TryGetValue(ForbiddenDetailKey, out var d) && d is string text && !string.IsNullOrWhiteSpace(text)
            ? text
            : "You are signed in, but your role does not allow this action.";
        return Create(StatusCodes.Status403Forbidden, "Forbidden", detail, "forbidden", context.Request.Path).ExecuteAsync(context);
    }

    /// <summary>The 401 for <paramref name="rejection"/>.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, TokenRejectedException rejection)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rejection);
        return Create(StatusCodes.Status401Unauthorized, rejection.Title, rejection.Detail, rejection.Code, context.Request.Path).ExecuteAsync(context);
    }

    /// <summary>
    /// 403 for a clerk acting on a task of another department (the API's department check,
    /// after <see cref="Clerk.CanActFor"/> said no).
    /// </summary>
    public static ProblemHttpResult NotYourDepartment(Clerk clerk, string department)
    {
        ArgumentNullException.ThrowIfNull(clerk);
        var yours = clerk.Department is null ? "you have no department" : $"yours is '{clerk.Department}'";
        return Create(
            StatusCodes.Status403Forbidden,
            "Forbidden",
            $"This task belongs to department '{department}'; {yours}. A clerk acts only on tasks of their own department.",
            "wrong-department");
    }
}
