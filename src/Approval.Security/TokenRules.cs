using System.Security.Claims;
using Approval.Engine.Cases;

namespace Approval.Security;

/// <summary>
/// What a token must satisfy beyond signature, issuer, audience and lifetime (which
/// IdentityModel checks): a <c>sub</c> claim, and no <see cref="ClerkRoles.System"/> role — the
/// deadline engine's identity exists only inside the service and is never held by a token.
/// Applied to bearer tokens, pasted sign-in tokens and sign-in cookies alike.
/// </summary>
public static class TokenRules
{
    /// <summary>Null when <paramref name="principal"/> is acceptable, else why not (401).</summary>
    public static TokenRejectedException? Check(ClaimsPrincipal? principal)
    {
        if (!Clerk.TryFromPrincipal(principal, out var clerk))
        {
            return new TokenRejectedException("missing-subject", "Token without subject", "The bearer token has no 'sub' claim naming the user.");
        }

        if (clerk.IsInRole(ClerkRoles.System))
        {
            return new TokenRejectedException("invalid-token", "Reserved role",
                $"The role '{ClerkRoles.System}' belongs to the service's deadline engine and is never accepted from a token; " +
                $"valid roles: {string.Join(", ", ClerkRoles.Assignable)}.");
        }

        return null;
    }
}
