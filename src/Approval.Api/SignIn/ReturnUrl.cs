namespace Approval.Api.SignIn;

/// <summary>
/// Where a sign-in may send the browser afterwards: a path on this service only, so the
/// sign-in page can never be used as an open redirect (<c>//evil.example</c>, <c>/\evil</c>,
/// <c>https://…</c> are all refused).
/// </summary>
internal static class ReturnUrl
{
    public const string Home = "/";

    /// <summary>True when <paramref name="url"/> is empty (meaning <see cref="Home"/>) or a local path.</summary>
    public static bool IsAcceptable(string? url) => string.IsNullOrEmpty(url) || IsLocal(url);

    /// <summary>The same rule as ASP.NET's <c>IUrlHelper.IsLocalUrl</c>: one leading slash, no scheme or host, no backslash trick.</summary>
    public static bool IsLocal(string url) =>
        url.Length > 0
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
