using Microsoft.AspNetCore.Http;

namespace Approval.Security.Tests;

/// <summary>Which scheme authenticates a request: the cookie never reaches a mutating API call.</summary>
public class SchemeSelectionTests
{
    private static DefaultHttpContext Request(string method, string path, string? authorization = null, bool cookie = false, string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (cookie)
        {
            context.Request.Headers.Cookie = $"{ApprovalSchemes.CookieName}=abc";
        }

        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context;
    }

    [TestCase("GET", "/api/supervision/overview", true, null, ApprovalSchemes.Cookie)]
    [TestCase("HEAD", "/dashboard", true, null, ApprovalSchemes.Cookie)]
    [TestCase("GET", "/hangfire", false, "text/html,application/xhtml+xml", ApprovalSchemes.Cookie)]
    [TestCase("GET", "/api/supervision/overview", false, "application/json", ApprovalSchemes.Bearer)]
    [TestCase("POST", "/api/cases", true, "text/html", ApprovalSchemes.Bearer)]
    [TestCase("DELETE", "/api/cases/1", true, null, ApprovalSchemes.Bearer)]
    [TestCase("POST", "/hangfire/jobs/enqueued/delete", true, null, ApprovalSchemes.Cookie)]
    [TestCase("POST", "/hangfirex", true, null, ApprovalSchemes.Bearer)]
    public void Without_an_authorization_header(string method, string path, bool cookie, string? accept, string expected)
    {
        Assert.That(ApprovalSchemes.Select(Request(method, path, cookie: cookie, accept: accept)), Is.EqualTo(expected));
    }

    [TestCase("GET", "/hangfire")]
    [TestCase("POST", "/api/cases")]
    public void An_authorization_header_always_means_bearer(string method, string path)
    {
        Assert.That(ApprovalSchemes.Select(Request(method, path, "Basic eDp5", cookie: true, accept: "text/html")), Is.EqualTo(ApprovalSchemes.Bearer));
    }
}
