using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Approval.Security;

/// <summary>Registration of the Approval API's authentication and authorization.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="JwtOptions"/> (section <c>Authentication:Jwt</c>); the ASP.NET
    /// JwtBearer scheme <see cref="ApprovalSchemes.Bearer"/>, the sign-in cookie
    /// <see cref="ApprovalSchemes.Cookie"/> and the default policy scheme
    /// <see cref="ApprovalSchemes.Default"/> choosing between them; the role policies of
    /// <see cref="Policies"/>; 403 details naming the wanted roles; a singleton
    /// <see cref="TokenIssuer"/> and <see cref="PastedTokenValidator"/>.
    /// </summary>
    /// <remarks>
    /// The options are validated when the host starts (<c>ValidateOnStart</c>): outside the
    /// Development environment of <paramref name="environment"/> a missing signing key or the
    /// development key stops start-up with an <see cref="OptionsValidationException"/> whose
    /// message says what to configure (see <see cref="JwtOptions"/>). Binding is lazy, so
    /// configuration sources added after this call (tests) are seen. No fallback policy is set:
    /// endpoints opt in with <c>RequireAuthorization</c>.
    /// </remarks>
    public static IServiceCollection AddApprovalSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var isDevelopment = environment.IsDevelopment();
        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.SectionName))
            .ValidateOnStart();

        // A validator of our own rather than OptionsBuilder.Validate: it reports every problem, not one fixed message.
        services.AddSingleton<IValidateOptions<JwtOptions>>(new JwtOptionsValidator(isDevelopment));

        services.TryAddSingleton(TimeProvider.System);
        services.AddAuthentication(ApprovalSchemes.Default)
            .AddPolicyScheme(ApprovalSchemes.Default, "Bearer token or sign-in cookie", o => o.ForwardDefaultSelector = ApprovalSchemes.Select)
            .AddJwtBearer(ApprovalSchemes.Bearer, o =>
            {
                // Keep the registered claim names (sub, role, department) as they are on the wire.
                o.MapInboundClaims = false;
                o.Events = BearerEvents.Create();
            })
            .AddCookie(ApprovalSchemes.Cookie, o =>
            {
                o.Cookie.Name = ApprovalSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = false;
                o.Events = CookieEvents.Create();
            });
        services.AddOptions<JwtBearerOptions>(ApprovalSchemes.Bearer)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, time) =>
                bearer.TokenValidationParameters = CreateValidationParameters(jwt.Value, time));
        services.AddOptions<CookieAuthenticationOptions>(ApprovalSchemes.Cookie)
            .Configure<IOptions<JwtOptions>>((cookie, jwt) => cookie.ExpireTimeSpan = jwt.Value.TokenLifetime);

        services.AddAuthorizationBuilder().AddApprovalPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenDetailResultHandler>();

        services.TryAddSingleton(sp => new TokenIssuer(sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PastedTokenValidator>();
        return services;
    }

    /// <summary>What a bearer token must satisfy: HS256 with the key, issuer, audience, an expiry, within the clock skew.</summary>
    internal static TokenValidationParameters CreateValidationParameters(JwtOptions options, TimeProvider time) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = options.CreateSecurityKey(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = options.ClockSkew,
        NameClaimType = ClerkClaimTypes.Name,
        RoleClaimType = ClerkClaimTypes.Role,
        AuthenticationType = ApprovalSchemes.Bearer,
        // IdentityModel's own lifetime check reads the system clock; this one reads the injected
        // TimeProvider so that an app (or test) running on a fake clock accepts the tokens it mints.
        LifetimeValidator = (notBefore, expires, _, parameters) => ValidateLifetime(notBefore, expires, parameters.ClockSkew, time),
    };

    internal static bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } nbf && nbf > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = nbf };
        }

        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private sealed class JwtOptionsValidator(bool isDevelopment) : IValidateOptions<JwtOptions>
    {
        public ValidateOptionsResult Validate(string? name, JwtOptions options)
        {
            var problems = options.Validate(isDevelopment);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
