using System.Security.Claims;
using Approval.Api.Problems;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Approval.Api.SignIn;

/// <summary>
/// Cookie sign-in for browsers (the Hangfire dashboard, the supervision page), which cannot send
/// a bearer header on page loads: <c>GET /signin</c>, <c>POST /signin</c>, <c>POST /signout</c>.
/// </summary>
/// <remarks>
/// A token never travels in a URL. Both posts carry an ASP.NET antiforgery token. The cookie
/// authenticates only GET/HEAD requests and the Hangfire dashboard (see
/// <see cref="ApprovalSchemes.Select"/>); API calls that change state need a bearer token.
/// </remarks>
internal static class SignInEndpoints
{
    public static IServiceCollection AddApprovalSignIn(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "approval.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", Page).ExcludeFromDescription();
        app.MapPost("/signin", SignInAsync).ExcludeFromDescription();
        app.MapPost("/signout", SignOutAsync).ExcludeFromDescription();
        return app;
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, IHostEnvironment environment, string? returnUrl) =>
        ReturnUrl.IsAcceptable(returnUrl)
            ? Render(context, antiforgery, environment, returnUrl ?? ReturnUrl.Home, error: null, StatusCodes.Status200OK)
            : NotLocal();

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, IHostEnvironment environment,
        PastedTokenValidator tokens, IOptions<JwtOptions> jwt, TimeProvider time)
    {
        if (!context.Request.HasFormContentType)
        {
            return RefusalProblems.Invalid(RefusalCodes.FormExpected, new FieldPath("body"), "Post the sign-in form (application/x-www-form-urlencoded).");
        }

        if (!await IsFormFromOurPageAsync(context, antiforgery))
        {
            return RefusalProblems.Invalid(RefusalCodes.AntiforgeryTokenInvalid, new FieldPath("__RequestVerificationToken"), "Reload /signin and submit its form again.");
        }

        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!ReturnUrl.IsAcceptable(returnUrl))
        {
            return NotLocal();
        }

        returnUrl = returnUrl.Length == 0 ? ReturnUrl.Home : returnUrl;
        ClaimsPrincipal principal;
        DateTimeOffset expires;
        if (form["mode"] == "pick" && environment.IsDevelopment())
        {
            var picked = Pick(form["user"], form["name"], form["role"], form["department"]);
            if (picked.Error is not null)
            {
                return Render(context, antiforgery, environment, returnUrl, picked.Error, StatusCodes.Status400BadRequest);
            }

            principal = picked.Principal!;
            expires = time.GetUtcNow() + jwt.Value.TokenLifetime;
        }
        else
        {
            var result = await tokens.ValidateAsync(form["token"]);
            if (result.Rejection is { } rejection)
            {
                return Render(context, antiforgery, environment, returnUrl, $"{rejection.Title}: {rejection.Detail}", StatusCodes.Status401Unauthorized);
            }

            principal = CookiePrincipal(Clerk.FromPrincipal(result.Principal));
            expires = result.Expires!.Value;
        }

        await context.SignInAsync(ApprovalSchemes.Cookie, principal, new AuthenticationProperties { ExpiresUtc = expires, AllowRefresh = false });
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await IsFormFromOurPageAsync(context, antiforgery))
        {
            return RefusalProblems.Invalid(RefusalCodes.AntiforgeryTokenInvalid, new FieldPath("__RequestVerificationToken"), "Sign out with the button on /signin.");
        }

        await context.SignOutAsync(ApprovalSchemes.Cookie);
        return Results.LocalRedirect("/signin");
    }

    // The page's antiforgery token is bound to whoever was signed in when it was rendered (GETs
    // are cookie-authenticated); a POST is not, so read the cookie here before comparing.
    private static async Task<bool> IsFormFromOurPageAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var cookie = await context.AuthenticateAsync(ApprovalSchemes.Cookie);
        if (cookie.Succeeded)
        {
            context.User = cookie.Principal;
        }

        return await antiforgery.IsRequestValidAsync(context);
    }

    private static (ClaimsPrincipal? Principal, string? Error) Pick(string? user, string? name, string? role, string? department)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return (null, "user: name the user id to sign in as.");
        }

        if (!ClerkRoles.IsAssignable(role))
        {
            return (null, $"role: '{role}' is not one of {string.Join(", ", ClerkRoles.Assignable)}.");
        }

        if (role == ClerkRoles.DepartmentClerk && string.IsNullOrWhiteSpace(department))
        {
            return (null, "department: a department-clerk needs the department whose tasks they act on.");
        }

        var clerk = new Clerk(user.Trim(), name, [role!], string.IsNullOrWhiteSpace(department) ? null : department.Trim());
        return (CookiePrincipal(clerk), null);
    }

    // The cookie keeps only the claims the API reads, under their wire names.
    private static ClaimsPrincipal CookiePrincipal(Clerk clerk)
    {
        var claims = new List<Claim>
        {
            new(ClerkClaimTypes.Subject, clerk.UserId),
            new(ClerkClaimTypes.Name, clerk.DisplayName),
        };
        claims.AddRange(clerk.Roles.Select(r => new Claim(ClerkClaimTypes.Role, r)));
        if (clerk.Department is not null)
        {
            claims.Add(new Claim(ClerkClaimTypes.Department, clerk.Department));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApprovalSchemes.Cookie, ClerkClaimTypes.Name, ClerkClaimTypes.Role));
    }

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, IHostEnvironment environment, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var signedInAs = Clerk.TryFromPrincipal(context.User, out var clerk) ? clerk.ToString() : null;
        var html = SignInPage.Render(environment.IsDevelopment(), returnUrl, tokens.FormFieldName, tokens.RequestToken!, signedInAs, error);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static ProblemHttpResult NotLocal() =>
        RefusalProblems.Invalid(RefusalCodes.ReturnUrlNotLocal, new FieldPath("returnUrl"), "returnUrl must be a path on this service, such as /hangfire; other hosts are refused.");
}
