using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Approval.Security;

/// <summary>
/// Why a token was refused: a kebab-case <see cref="Code"/>, a title and a detail for the 401
/// problem details. Also carried as the failure of an <c>AuthenticateResult</c>.
/// </summary>
public sealed class TokenRejectedException : Exception
{
    /// <summary>Creates a rejection.</summary>
    public TokenRejectedException(string code, string title, string detail)
        : base(detail)
    {
        Code = code;
        Title = title;
        Detail = detail;
    }

    /// <summary>Stable machine-readable reason, e.g. <c>token-expired</c>.</summary>
    public string Code { get; }

    /// <summary>Short human title, also the <c>error_description</c> of <c>WWW-Authenticate</c>.</summary>
    public string Title { get; }

    /// <summary>What was wrong and what to do.</summary>
    public string Detail { get; }

    /// <summary>
    /// Our own wording for an IdentityModel validation failure rather than its messages: those
    /// hide values as "[PII is hidden]" and name internal types, neither of which helps a client
    /// developer. The offending issuer/audience are read from <paramref name="token"/> itself:
    /// IdentityModel does not always fill them in on its exceptions.
    /// </summary>
    public static TokenRejectedException Describe(Exception? exception, JsonWebToken? token) => exception switch
    {
        TokenRejectedException r => r,
        SecurityTokenExpiredException e => new("token-expired", "Token expired",
            $"The bearer token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}; request a new one."),
        SecurityTokenNotYetValidException e => new("token-not-yet-valid", "Token not yet valid",
            $"The bearer token is not valid before {e.NotBefore:yyyy-MM-ddTHH:mm:ssZ}; check the clocks."),
        SecurityTokenNoExpirationException => new("token-without-expiry", "Token without expiry",
            "The bearer token has no 'exp' claim; tokens must expire."),
        SecurityTokenInvalidSignatureException => new("invalid-signature", "Invalid token signature",
            "The bearer token's signature does not verify with this API's signing key."),
        SecurityTokenInvalidAlgorithmException => new("invalid-algorithm", "Invalid token algorithm",
            "The bearer token must be signed with HS256."),
        SecurityTokenInvalidIssuerException => new("invalid-issuer", "Invalid token issuer",
            $"The bearer token was issued by '{token?.Issuer}', which this API does not accept."),
        SecurityTokenInvalidAudienceException => new("invalid-audience", "Invalid token audience",
            $"The bearer token is meant for '{string.Join("', '", token?.Audiences ?? [])}', not for this API."),
        SecurityTokenMalformedException or ArgumentException => new("malformed-token", "Malformed token",
            "The bearer token is not a well-formed signed JWT."),
        _ => new("invalid-token", "Invalid token", "The bearer token was rejected."),
    };

    /// <summary>The token, parsed without validation, for naming its issuer/audience; null when unreadable.</summary>
    public static JsonWebToken? TryRead(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
