using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Approval.Security;

/// <summary>Names of the bearer-token authentication scheme.</summary>
public static class JwtAuthenticationDefaults
{
    /// <summary>The scheme name, registered as the default scheme: <c>Bearer</c>.</summary>
    public const string AuthenticationScheme = "Bearer";
}

/// <summary>
/// Options of <see cref="JwtAuthenticationHandler"/>: the validation parameters, filled from
/// <see cref="JwtOptions"/> by <see cref="SecurityServiceCollectionExtensions.AddApprovalSecurity"/>.
/// </summary>
public sealed class JwtAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Issuer, audience, lifetime and key checks applied to every bearer token.</summary>
    public TokenValidationParameters TokenValidationParameters { get; set; } = new();
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;JWT&gt;</c> with <see cref="JsonWebTokenHandler"/>
/// (the ASP.NET JwtBearer package is not available here).
/// </summary>
/// <remarks>
/// <para>
/// A request without credentials stays anonymous; a request with a bad token is a failure. On
/// an endpoint that requires authorization both answer 401 with an RFC 9457 problem details body
/// (<c>application/problem+json</c>; <c>title</c> and <c>detail</c> say what was wrong; the
/// extension member <c>code</c> is a stable machine-readable reason such as
/// <c>token_expired</c>) and an RFC 6750 <c>WWW-Authenticate</c> header. Forbidden answers 403
/// with a problem details body too; the detail comes from
/// <see cref="AuthenticationProperties.Items"/>[<see cref="ForbiddenDetailKey"/>] when set.
/// </para>
/// <para>A new instance per request, as for every ASP.NET Core authentication handler.</para>
/// </remarks>
public sealed class JwtAuthenticationHandler(
    IOptionsMonitor<JwtAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<JwtAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>
    /// Key in <see cref="AuthenticationProperties.Items"/> whose value becomes the <c>detail</c> of
    /// a 403 answer, e.g. <c>Results.Forbid(new AuthenticationProperties { Items = { [key] = "…" } })</c>.
    /// </summary>
    public const string ForbiddenDetailKey = "approval:forbidden-detail";

    // Stateless and thread-safe for validation; one for the process.
    private static readonly JsonWebTokenHandler Tokens = new();

    private const string BearerPrefix = "Bearer ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("unsupported_scheme", "Unsupported authorization scheme",
                "The Authorization header must carry a bearer token: 'Authorization: Bearer <token>'.");
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (token.Length == 0)
        {
            return Fail("missing_token", "Missing bearer token", "The Authorization header says Bearer but carries no token.");
        }

        var result = await Tokens.ValidateTokenAsync(token, Options.TokenValidationParameters);
        if (!result.IsValid)
        {
            // The base class logs the failure message at Information.
            return AuthenticateResult.Fail(Describe(result.Exception, TryRead(token)));
        }

        var principal = new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity);
        if (!Clerk.TryFromPrincipal(principal, out _))
        {
            return Fail("missing_subject", "Token without subject", "The bearer token has no 'sub' claim naming the user.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var rejection = result.Failure as TokenRejectedException
            ?? new TokenRejectedException("missing_token", "Missing bearer token",
                "This endpoint requires authentication: send 'Authorization: Bearer <token>'.");

        // RFC 6750 §3: no error code when the request carried no credentials at all.
        Response.Headers.WWWAuthenticate = result.None
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{rejection.Title}\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, rejection.Title, rejection.Detail, rejection.Code);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var detail = properties.Items.TryGetValue(ForbiddenDetailKey, out var d) && !string.IsNullOrWhiteSpace(d)
            ? d
            : "You are signed in, but your role does not allow this action.";
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", detail, "forbidden");
    }

    private Task WriteProblemAsync(int status, string title, string detail, string code) =>
        SecurityProblems.Create(status, title, detail, code, Request.Path).ExecuteAsync(Context);

    private static JsonWebToken? TryRead(string token)
    {
        try
        {
            return Tokens.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static AuthenticateResult Fail(string code, string title, string detail) =>
        AuthenticateResult.Fail(new TokenRejectedException(code, title, detail));

    // Our own wording rather than IdentityModel's messages: those hide values as "[PII is hidden]"
    // and name internal types, neither of which helps a clerk's client developer.
    // The offending issuer/audience are read from the token itself: IdentityModel does not always
    // fill them in on its exceptions.
    internal static TokenRejectedException Describe(Exception? exception, JsonWebToken? token) => exception switch
    {
        SecurityTokenExpiredException e => new("token_expired", "Token expired",
            $"The bearer token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}; request a new one."),
        SecurityTokenNotYetValidException e => new("token_not_yet_valid", "Token not yet valid",
            $"The bearer token is not valid before {e.NotBefore:yyyy-MM-ddTHH:mm:ssZ}; check the clocks."),
        SecurityTokenNoExpirationException => new("token_without_expiry", "Token without expiry",
            "The bearer token has no 'exp' claim; tokens must expire."),
        SecurityTokenInvalidSignatureException => new("invalid_signature", "Invalid token signature",
            "The bearer token's signature does not verify with this API's signing key."),
        SecurityTokenInvalidAlgorithmException => new("invalid_algorithm", "Invalid token algorithm",
            "The bearer token must be signed with HS256."),
        SecurityTokenInvalidIssuerException => new("invalid_issuer", "Invalid token issuer",
            $"The bearer token was issued by '{token?.Issuer}', which this API does not accept."),
        SecurityTokenInvalidAudienceException => new("invalid_audience", "Invalid token audience",
            $"The bearer token is meant for '{string.Join("', '", token?.Audiences ?? [])}', not for this API."),
        SecurityTokenMalformedException or ArgumentException => new("malformed_token", "Malformed token",
            "The bearer token is not a well-formed signed JWT."),
        _ => new("invalid_token", "Invalid token", "The bearer token was rejected."),
    };
}

/// <summary>Why a bearer token was refused; becomes the 401 problem details.</summary>
internal sealed class TokenRejectedException(string code, string title, string detail) : Exception(detail)
{
    public string Code { get; } = code;

    public string Title { get; } = title;

    public string Detail { get; } = detail;
}
