using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Approval.Security;

/// <summary>
/// Lets a 403 say which roles the endpoint wanted: the authorization middleware knows the failed
/// role requirement, the authentication handler that writes the answer does not, so the detail is
/// handed over in <see cref="AuthenticationProperties.Items"/>.
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
        var properties = new AuthenticationProperties();
        properties.Items[JwtAuthenticationHandler.ForbiddenDetailKey] =
            $"This action needs one of the roles: {string.Join(", ", wanted)}; your roles: {held}.";

        return ForbidAsync(context, policy, properties);
    }

    // As the default handler: forbid through each of the policy's schemes in turn, or the default scheme.
    private static async Task ForbidAsync(HttpContext context, AuthorizationPolicy policy, AuthenticationProperties properties)
    {
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await context.ForbidAsync(properties);
            return;
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await context.ForbidAsync(scheme, properties);
        }
    }
}
