using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Net.Http.Headers;

namespace Approval.Security;

/// <summary>
/// The JwtBearer events that give the library's handler this API's answers: the extra token
/// rules of <see cref="TokenRules"/> after validation, and 401/403 as RFC 9457 problem details
/// (<c>type</c> <c>urn:approval:problem:&lt;code&gt;</c>, kebab-case <c>code</c>) with an RFC 6750
/// <c>WWW-Authenticate</c> header.
/// </summary>
internal static class BearerEvents
{
    private const string BearerPrefix = "Bearer ";

    public static JwtBearerEvents Create() => new()
    {
        OnTokenValidated = context =>
        {
            if (TokenRules.Check(context.Principal) is { } rejection)
            {
                context.Fail(rejection);
            }

            return Task.CompletedTask;
        },
        OnChallenge = context =>
        {
            context.HandleResponse();
            string? header = context.Request.Headers.Authorization;
            var rejection = Explain(header, context.AuthenticateFailure);

            // RFC 6750 §3: no error code when the request carried no credentials at all.
            context.Response.Headers[HeaderNames.WWWAuthenticate] = string.IsNullOrEmpty(header)
                ? "Bearer"
                : $"Bearer error=\"invalid_token\", error_description=\"{rejection.Title}\"";
            return SecurityProblems.WriteUnauthorizedAsync(context.HttpContext, rejection);
        },
        OnForbidden = context => SecurityProblems.WriteForbiddenAsync(context.HttpContext),
    };

    /// <summary>Why a request without a usable bearer token is refused.</summary>
    internal static TokenRejectedException Explain(string? header, Exception? failure)
    {
        if (string.IsNullOrEmpty(header))
        {
            return new TokenRejectedException("missing-token", "Missing bearer token",
                "This endpoint requires authentication: send 'Authorization: Bearer <token>' (browsers: sign in at /signin).");
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new TokenRejectedException("unsupported-scheme", "Unsupported authorization scheme",
                "The Authorization header must carry a bearer token: 'Authorization: Bearer <token>'.");
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (token.Length == 0)
        {
            return new TokenRejectedException("missing-token", "Missing bearer token", "The Authorization header says Bearer but carries no token.");
        }

        return TokenRejectedException.Describe(failure, TokenRejectedException.TryRead(token));
    }
}
