using System.Net;
using System.Text;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.SignIn;

/// <summary>
/// The minimal HTML of <c>GET /signin</c>: in Development a form to pick user, role and department
/// (as <c>approval token</c> does), everywhere a box to paste a token once. Every value written into
/// the page is HTML-encoded.
/// </summary>
internal static class SignInPage
{
    public static string Render(bool development, string returnUrl, string antiforgeryField, string antiforgeryToken, string? signedInAs, string? error)
    {
        var hidden = $"<input type=\"hidden\" name=\"{Encode(antiforgeryField)}\" value=\"{Encode(antiforgeryToken)}\">" +
                     $"<input type=\"hidden\" name=\"returnUrl\" value=\"{Encode(returnUrl)}\">";
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Approval — sign in</title>")
            .Append("<style>body{font-family:sans-serif;max-width:36em;margin:2em auto}label{display:block;margin:.5em 0}textarea{width:100%}</style>")
            .Append("</head><body><h1>Sign in to Approval</h1>");
        if (error is not null)
        {
            html.Append("<p role=\"alert\" style=\"color:#b00\">").Append(Encode(error)).Append("</p>");
        }

        if (signedInAs is not null)
        {
            html.Append("<p>Signed in as ").Append(Encode(signedInAs)).Append(".</p>")
                .Append("<form method=\"post\" action=\"/signout\">").Append(hidden).Append("<button>Sign out</button></form>");
        }

        if (development)
        {
            html.Append("<h2>Development: pick a clerk</h2><form method=\"post\" action=\"/signin\">").Append(hidden)
                .Append("<input type=\"hidden\" name=\"mode\" value=\"pick\">")
                .Append("<label>User <input name=\"user\" required value=\"dev\"></label>")
                .Append("<label>Name <input name=\"name\"></label>")
                .Append("<label>Role <select name=\"role\">");
            foreach (var role in ClerkRoles.Assignable)
            {
                html.Append("<option>").Append(Encode(role)).Append("</option>");
            }

            html.Append("</select></label>")
                .Append("<label>Department <input name=\"department\" placeholder=\"market-regulation\"></label>")
                .Append("<button>Sign in</button></form>");
        }

        html.Append("<h2>Paste a token</h2><form method=\"post\" action=\"/signin\">").Append(hidden)
            .Append("<input type=\"hidden\" name=\"mode\" value=\"token\">")
            .Append("<label>Bearer token <textarea name=\"token\" rows=\"6\" required autocomplete=\"off\"></textarea></label>")
            .Append("<button>Sign in</button></form>")
            .Append("<p>The token is checked once and never stored in the page, a URL or the browser's history; ")
            .Append("the session cookie is HttpOnly and SameSite=Strict.</p></body></html>");
        return html.ToString();
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
