using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Approval.Security;

/// <summary>
/// Lets a 403 say which roles the endpoint wanted: the authorization middleware knows the failed
/// role requirement, the authentication scheme that writes the answer does not (JwtBearer's
/// forbidden event sees no <c>AuthenticationProperties</c>), so the detail is handed over
/// in <see cref="HttpContext.Items"/>[<see cref="SecurityProblems.ForbiddenDetailKey"/>].
/// </summary>
internal sealed class ForbiddenDetailResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var wanted = authorizeResult.AuthorizationFailure?.FailedRequirements
            .OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles)
            .Distinct(StringComparer.Ordinal)
            .ToArray() ?? [];
        if (wanted.Length == 0)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var held = Clerk.TryFromPrincipal(context.User, out var clerk) && clerk.Roles.Count > 0
            ? string.Join(", ", clerk.Roles)
            : "none";
        context.Items[SecurityProblems.ForbiddenDetailKey] =
            $"This action needs one of the roles: {string.Join(", ", wanted)}; your roles: {held}.";

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
