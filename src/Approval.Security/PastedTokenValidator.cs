using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Approval.Security;

/// <summary>
/// Validates a token pasted into the sign-in page with exactly the bearer scheme's rules (the
/// JwtBearer options' token handlers and validation parameters, then <see cref="TokenRules"/>),
/// so a cookie is never easier to get than a bearer call.
/// </summary>
/// <remarks>Thread-safe; registered as a singleton.</remarks>
public sealed class PastedTokenValidator(IOptionsMonitor<JwtBearerOptions> options)
{
    /// <summary>The clerk's principal and the token's expiry, or why the token is refused.</summary>
    public async Task<PastedTokenResult> ValidateAsync(string? token)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return new PastedTokenResult(null, null, new TokenRejectedException("missing-token", "Missing token", "Paste a bearer token (the output of 'approval token' or your identity provider)."));
        }

        var bearer = options.Get(ApprovalSchemes.Bearer);
        Exception? failure = null;
        foreach (var handler in bearer.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, bearer.TokenValidationParameters);
            if (!result.IsValid)
            {
                failure ??= result.Exception;
                continue;
            }

            var principal = new ClaimsPrincipal(result.ClaimsIdentity);
            return TokenRules.Check(principal) is { } rejection
                ? new PastedTokenResult(null, null, rejection)
                : new PastedTokenResult(principal, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero), null);
        }

        return new PastedTokenResult(null, null, TokenRejectedException.Describe(failure, TokenRejectedException.TryRead(token)));
    }
}

/// <summary>Outcome of <see cref="PastedTokenValidator.ValidateAsync"/>: a principal and expiry, or a rejection.</summary>
public sealed record PastedTokenResult(ClaimsPrincipal? Principal, DateTimeOffset? Expires, TokenRejectedException? Rejection);
