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
    /// A problem result with <c>type</c> pointing at the RFC 9110 status section, the given
    /// title and detail, <c>instance</c> = the request path and the extension member <c>code</c>.
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
            Type = status switch
            {
                StatusCodes.Status401Unauthorized => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
                StatusCodes.Status403Forbidden => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
                _ => null,
            },
        };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
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
            "wrong_department");
    }
}
