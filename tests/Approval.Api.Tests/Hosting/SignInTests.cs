using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests.Hosting;

/// <summary>Cookie sign-in for browsers beside bearer tokens: <c>/signin</c>, <c>/signout</c>, and what the cookie may do.</summary>
public partial class SignInTests
{
    private const string Overview = "/api/supervision/overview";
    private const string Key = "sign-in-test-signing-key-of-at-least-32-bytes";

    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static HttpClient Browser(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var page = await browser.GetAsync("/signin");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var match = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.That(match.Success, Is.True, "the sign-in page carries an antiforgery token");
        return match.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, bool withAntiforgery = true)
    {
        if (withAntiforgery)
        {
            fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser);
        }

        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Dictionary<string, string> Pick(string role, string returnUrl, string? department = null) => new()
    {
        ["mode"] = "pick",
        ["user"] = "zhao",
        ["name"] = "赵六",
        ["role"] = role,
        ["department"] = department ?? string.Empty,
        ["returnUrl"] = returnUrl,
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public async Task Signing_in_sets_a_strict_http_only_cookie_that_authorises_a_GET()
    {
        using var browser = Browser(_app);

        var signIn = await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Supervisor, Overview));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ApprovalSchemes.CookieName + "=", StringComparison.Ordinal));
        var overview = await browser.GetAsync(Overview);

        Assert.Multiple(() =>
        {
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(signIn.Headers.Location?.OriginalString, Is.EqualTo(Overview));
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(overview.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cookie alone authenticates the GET");
        });
    }

    [Test]
    public async Task The_cookie_never_authenticates_a_mutating_API_call()
    {
        using var browser = Browser(_app);
        await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Analyst, "/"));

        var publish = await browser.PostAsync("/api/workflows", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a cross-site form must not ride the cookie");
        Assert.That((await ProblemAsync(publish)).GetProperty("code").GetString(), Is.EqualTo("missing-token"));
    }

    [Test]
    public async Task An_anonymous_browser_is_sent_to_signin_and_an_API_client_gets_401()
    {
        using var browser = Browser(_app);
        using var page = new HttpRequestMessage(HttpMethod.Get, Overview);
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        var navigated = await browser.SendAsync(page);
        var called = await browser.GetAsync(Overview);

        Assert.Multiple(() =>
        {
            Assert.That(navigated.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(navigated.Headers.Location?.ToString(), Does.Contain("/signin?returnUrl=%2Fapi%2Fsupervision%2Foverview"));
            Assert.That(called.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
        var problem = await ProblemAsync(called);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("urn:approval:problem:missing-token"));
    }

    [Test]
    public async Task A_bearer_token_still_works_and_wins_over_a_cookie()
    {
        using var bearer = _app.ClientAs(ClerkRoles.Supervisor);
        using var browser = Browser(_app);
        await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Supervisor, "/"));
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt");

        var withToken = await bearer.GetAsync(Overview);
        var badTokenWithCookie = await browser.GetAsync(Overview);

        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(badTokenWithCookie.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "an Authorization header always means bearer");
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    [TestCase("/\\evil.example/")]
    public async Task A_return_url_to_another_host_is_refused(string returnUrl)
    {
        using var browser = Browser(_app);

        var page = await browser.GetAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var post = await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Supervisor, returnUrl));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemAsync(post);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("return-url-not-local"));
            Assert.That(problem.GetProperty("errors").TryGetProperty("returnUrl", out _), Is.True);
            Assert.That(post.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ApprovalSchemes.CookieName, StringComparison.Ordinal)), Is.False, "no cookie was set");
        });
    }

    [Test]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = Browser(_app);

        var post = await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Supervisor, "/"), withAntiforgery: false);

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemAsync(post)).GetProperty("code").GetString(), Is.EqualTo("antiforgery-token-invalid"));
    }

    [Test]
    public async Task The_system_role_cannot_be_picked()
    {
        using var browser = Browser(_app);

        var post = await PostFormAsync(browser, "/signin", Pick(ClerkRoles.System, "/"));

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("role: &#39;system&#39; is not one of"));
    }

    [Test]
    public async Task Signing_out_ends_the_cookie_session()
    {
        using var browser = Browser(_app);
        await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Supervisor, "/"));
        Assert.That((await browser.GetAsync(Overview)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var signOut = await PostFormAsync(browser, "/signout", new Dictionary<string, string>());

        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await browser.GetAsync(Overview)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task In_Production_only_a_pasted_token_valid_by_the_bearer_rules_signs_in()
    {
        using var production = new ApprovalApp(new Dictionary<string, string?> { ["Authentication:Jwt:SigningKey"] = Key })
            .WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var issuer = production.Services.GetRequiredService<TokenIssuer>();
        using var browser = Browser(production);

        var picked = await PostFormAsync(browser, "/signin", Pick(ClerkRoles.Supervisor, "/"));
        var system = await PostFormAsync(browser, "/signin", new()
        {
            ["mode"] = "token",
            ["token"] = issuer.Issue(new Clerk("mallory", null, [ClerkRoles.System], null)),
            ["returnUrl"] = "/",
        });
        var forged = await PostFormAsync(browser, "/signin", new()
        {
            ["mode"] = "token",
            ["token"] = new TokenIssuer(new JwtOptions { SigningKey = "another-key-of-at-least-thirty-two-bytes!" }).Issue(new Clerk("eve", null, [ClerkRoles.Supervisor], null)),
            ["returnUrl"] = "/",
        });
        Assert.That((await browser.GetAsync(Overview)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "nothing above signed in");

        var pasted = await PostFormAsync(browser, "/signin", new()
        {
            ["mode"] = "token",
            ["token"] = issuer.Issue(new Clerk("zhao", "赵六", [ClerkRoles.Supervisor], null)),
            ["returnUrl"] = Overview,
        });

        Assert.Multiple(async () =>
        {
            Assert.That(picked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no user picking outside Development");
            Assert.That(system.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await system.Content.ReadAsStringAsync(), Does.Contain("Reserved role"));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await forged.Content.ReadAsStringAsync(), Does.Contain("Invalid token signature"));
            Assert.That(pasted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await browser.GetAsync(Overview)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
