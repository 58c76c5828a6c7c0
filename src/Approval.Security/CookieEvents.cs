using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Approval.Security;

/// <summary>
/// The sign-in cookie's events: a browser navigating (it accepts HTML) is redirected to
/// <c>/signin</c>; any other client gets the same 401/403 problem details as the bearer scheme.
/// A cookie whose principal breaks <see cref="TokenRules"/> is rejected.
/// </summary>
internal static class CookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnValidatePrincipal = context =>
        {
            if (TokenRules.Check(context.Principal) is not null)
            {
                context.RejectPrincipal();
            }

            return Task.CompletedTask;
        },
        OnRedirectToLogin = context =>
        {
            if (ApprovalSchemes.WantsHtml(context.Request))
            {
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            }

            return SecurityProblems.WriteUnauthorizedAsync(context.HttpContext, new TokenRejectedException("missing-token", "Not signed in",
                "This endpoint requires authentication: sign in at /signin, or send 'Authorization: Bearer <token>'."));
        },
        OnRedirectToAccessDenied = context => SecurityProblems.WriteForbiddenAsync(context.HttpContext),
    };
}
