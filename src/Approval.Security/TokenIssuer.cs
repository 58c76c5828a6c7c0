using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Approval.Security;

/// <summary>
/// Mints HS256 tokens that the bearer scheme accepts: for the CLI
/// (<c>approval token</c>), tests and development. A production deployment would normally get
/// its tokens from the centre's identity provider signed with the same key.
/// </summary>
/// <remarks>
/// Claims: <c>sub</c>, <c>name</c>, <c>role</c> (a string for one role, an array for several),
/// <c>department</c> (omitted when null), <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, plus
/// <c>iss</c>/<c>aud</c> from <see cref="JwtOptions"/>. The development-key rule is not enforced
/// here (the API enforces it at start-up), so a CLI can mint development tokens.
/// Immutable after construction; thread-safe.
/// </remarks>
public sealed class TokenIssuer
{
    private static readonly JsonWebTokenHandler Tokens = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly string _issuer;
    private readonly string _audience;
    private readonly TimeSpan _defaultLifetime;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;

    /// <summary>Creates an issuer from options; an unset key means the development key.</summary>
    /// <exception cref="InvalidOperationException">The key is set but unusable (too short, bad base64).</exception>
    public TokenIssuer(JwtOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _issuer = options.Issuer;
        _audience = options.Audience;
        _defaultLifetime = options.TokenLifetime;
        _credentials = new SigningCredentials(options.CreateSecurityKey(), SecurityAlgorithms.HmacSha256);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// A signed compact JWT for <paramref name="clerk"/>, valid from now for
    /// <paramref name="lifetime"/> (default <see cref="JwtOptions.TokenLifetime"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A lifetime that is not positive.</exception>
    public string Issue(Clerk clerk, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(clerk);
        var duration = lifetime ?? _defaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero, nameof(lifetime));

        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ClerkClaimTypes.Subject] = clerk.UserId,
            [ClerkClaimTypes.Name] = clerk.DisplayName,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (clerk.Roles.Count == 1)
        {
            claims[ClerkClaimTypes.Role] = clerk.Roles[0];
        }
        else if (clerk.Roles.Count > 1)
        {
            claims[ClerkClaimTypes.Role] = clerk.Roles.ToArray();
        }

        if (clerk.Department is not null)
        {
            claims[ClerkClaimTypes.Department] = clerk.Department;
        }

        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + duration,
            Claims = claims,
            SigningCredentials = _credentials,
        });
    }
}
