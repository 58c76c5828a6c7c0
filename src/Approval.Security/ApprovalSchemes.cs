using Microsoft.AspNetCore.Http;

namespace Approval.Security;

/// <summary>
/// The authentication schemes of the Approval API: a bearer token for API clients, a sign-in
/// cookie for browsers, and the default policy scheme that picks one per request.
/// </summary>
public static class ApprovalSchemes
{
    /// <summary>The default scheme: forwards to <see cref="Bearer"/> or <see cref="Cookie"/> (see <see cref="Select"/>).</summary>
    public const string Default = "Approval";

    /// <summary>ASP.NET JwtBearer: <c>Authorization: Bearer &lt;JWT&gt;</c>.</summary>
    public const string Bearer = "Bearer";

    /// <summary>The browser sign-in cookie set by <c>POST /signin</c>.</summary>
    public const string Cookie = "Cookie";

    /// <summary>Name of the sign-in cookie.</summary>
    public const string CookieName = "approval.session";

    /// <summary>
    /// Path prefixes where the cookie also authenticates unsafe methods (POST …): the Hangfire
    /// dashboard, whose POSTs Hangfire checks against ASP.NET antiforgery tokens itself.
    /// </summary>
    public static IReadOnlyList<string> CookiePostPrefixes { get; } = ["/hangfire"];

    /// <summary>
    /// Which scheme authenticates <paramref name="context"/>: an <c>Authorization</c> header
    /// always means bearer. Otherwise the cookie, but only for GET/HEAD (pages, dashboards) or
    /// under <see cref="CookiePostPrefixes"/>, so a cross-site form can never ride the cookie
    /// into a mutating API call; a GET without a cookie from a browser (it accepts HTML) goes
    /// to the cookie too, whose challenge redirects to <c>/signin</c>. Everything else: bearer.
    /// </summary>
    public static string Select(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return Bearer;
        }

        var cookieMethod = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || CookiePostPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
        if (!cookieMethod)
        {
            return Bearer;
        }

        return request.Cookies.ContainsKey(CookieName) || WantsHtml(request) ? Cookie : Bearer;
    }

    /// <summary>True when the request's <c>Accept</c> header names <c>text/html</c> (a browser navigating).</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
