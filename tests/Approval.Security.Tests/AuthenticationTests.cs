using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Approval.Engine.Cases;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Approval.Security.Tests;

public class AuthenticationTests
{
    private static readonly Clerk Alice = new("alice", "张三", [ClerkRoles.DepartmentClerk], "market-regulation");
    private static readonly Clerk Wang = new("wang", "王五", [ClerkRoles.WindowClerk], null);

    private SecurityHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await SecurityHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private static string Mint(Clerk clerk, JwtOptions? options = null, TimeProvider? time = null, TimeSpan? lifetime = null) =>
        new TokenIssuer(options ?? SecurityHost.Options, time).Issue(clerk, lifetime);

    internal static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? token, string scheme = "Bearer")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
        var body = isJson ? JsonDocument.Parse(text).RootElement.Clone() : JsonSerializer.SerializeToElement(text);
        return (response, body);
    }

    private static void AssertProblem(HttpResponseMessage response, JsonElement body, HttpStatusCode status, string code, string? detailContains = null)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(body.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("type").GetString(), Is.EqualTo($"urn:approval:problem:{code}"));
            if (detailContains is not null)
            {
                Assert.That(body.GetProperty("detail").GetString(), Does.Contain(detailContains));
            }
        });
    }

    private static string WwwAuthenticate(HttpResponseMessage response) => response.Headers.WwwAuthenticate.ToString();

    [Test]
    public async Task A_valid_token_with_the_right_role_is_let_through()
    {
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetString(), Is.EqualTo("intake by wang"));
    }

    [Test]
    public async Task The_clerk_is_read_from_the_token_claims()
    {
        var clerk = new Clerk("li", "李四", [ClerkRoles.DepartmentClerk, ClerkRoles.Supervisor], "fire-rescue");
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Get, "/me", Mint(clerk));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("userId").GetString(), Is.EqualTo("li"));
            Assert.That(body.GetProperty("displayName").GetString(), Is.EqualTo("李四"));
            Assert.That(body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "department-clerk", "supervisor" }));
            Assert.That(body.GetProperty("department").GetString(), Is.EqualTo("fire-rescue"));
        });
    }

    [Test]
    public async Task A_missing_token_is_401_with_problem_details_and_a_bare_challenge()
    {
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", token: null);

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "missing-token", "Authorization: Bearer");
        Assert.Multiple(() =>
        {
            Assert.That(WwwAuthenticate(response), Is.EqualTo("Bearer"));
            Assert.That(body.GetProperty("instance").GetString(), Is.EqualTo("/cases"));
        });
    }

    [Test]
    public async Task An_expired_token_is_401_token_expired()
    {
        var yesterday = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang, time: yesterday, lifetime: TimeSpan.FromHours(8)));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "token-expired", "expired at");
        Assert.That(WwwAuthenticate(response), Is.EqualTo("Bearer error=\"invalid_token\", error_description=\"Token expired\""));
    }

    [Test]
    public async Task A_token_just_past_expiry_is_accepted_within_the_clock_skew()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10).AddSeconds(-10));
        var (response, _) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang, time: clock, lifetime: TimeSpan.FromMinutes(10)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "expired 10 s ago, skew is 30 s");
    }

    [Test]
    public async Task A_token_from_the_future_is_401_not_yet_valid()
    {
        var tomorrow = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang, time: tomorrow));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "token-not-yet-valid");
    }

    [Test]
    public async Task A_token_of_another_issuer_is_401_invalid_issuer()
    {
        var options = SecurityHost.Options;
        options.Issuer = "someone-else";
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang, options));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "invalid-issuer", "'someone-else'");
    }

    [Test]
    public async Task A_token_for_another_audience_is_401_invalid_audience()
    {
        var options = SecurityHost.Options;
        options.Audience = "other-api";
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang, options));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "invalid-audience", "'other-api'");
    }

    [Test]
    public async Task A_token_signed_with_another_key_is_401_invalid_signature()
    {
        var options = SecurityHost.Options;
        options.SigningKey = "another-signing-key-of-at-least-thirty-two-bytes";
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(Wang, options));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "invalid-signature");
        Assert.That(WwwAuthenticate(response), Does.Contain("error=\"invalid_token\""));
    }

    [Test]
    public async Task A_token_whose_payload_was_edited_is_401_invalid_signature()
    {
        // Turn a window clerk into a supervisor by rewriting the payload and keeping the signature.
        var parts = Mint(Wang).Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"window-clerk\"", "\"supervisor\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", forged);

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "invalid-signature");
    }

    [Test]
    public async Task An_unsigned_token_is_401()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityHost.Options.Issuer,
            Audience = SecurityHost.Options.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "supervisor" },
        });

        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", unsigned);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("code").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_token_signed_with_another_algorithm_is_401()
    {
        var key = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SecurityHost.Key + SecurityHost.Key));
        var hs512 = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityHost.Options.Issuer,
            Audience = SecurityHost.Options.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "window-clerk" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha512),
        });

        var (response, _) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", hs512);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_without_expiry_is_401()
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityHost.Options.Issuer,
            Audience = SecurityHost.Options.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "eve", ["role"] = "window-clerk" },
            SigningCredentials = new SigningCredentials(SecurityHost.Options.CreateSecurityKey(), SecurityAlgorithms.HmacSha256),
        });

        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", token);

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "token-without-expiry");
    }

    [Test]
    public async Task A_token_without_subject_is_401()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityHost.Options.Issuer,
            Audience = SecurityHost.Options.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["name"] = "nobody", ["role"] = "window-clerk" },
            SigningCredentials = new SigningCredentials(SecurityHost.Options.CreateSecurityKey(), SecurityAlgorithms.HmacSha256),
        });

        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", token);

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "missing-subject");
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b.c")]
    public async Task A_malformed_token_is_401_malformed(string token)
    {
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", token);

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "malformed-token");
    }

    [Test]
    public async Task Another_authorization_scheme_is_401_saying_bearer_is_expected()
    {
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", "YWxpY2U6c2VjcmV0", scheme: "Basic");

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "unsupported-scheme", "Bearer");
    }

    [Test]
    public async Task A_wrong_role_is_403_with_problem_details_naming_the_roles()
    {
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/definitions", Mint(Wang));

        AssertProblem(response, body, HttpStatusCode.Forbidden, "forbidden", "needs one of the roles: analyst; your roles: window-clerk");
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
    }

    [Test]
    public async Task A_token_without_roles_is_403_on_a_role_policy()
    {
        var (response, body) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", Mint(new Clerk("guest", null, [], null)));

        AssertProblem(response, body, HttpStatusCode.Forbidden, "forbidden", "your roles: none");
    }

    [Test]
    public async Task A_supervisor_passes_the_window_and_department_policies()
    {
        var supervisor = Mint(new Clerk("zhao", "赵六", [ClerkRoles.Supervisor], null));

        var (window, _) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", supervisor);
        var (task, _) = await SendAsync(_host.Client, HttpMethod.Post, "/departments/taxation/tasks/t1/approve", supervisor);
        var (definitions, _) = await SendAsync(_host.Client, HttpMethod.Post, "/definitions", supervisor);

        Assert.Multiple(() =>
        {
            Assert.That(window.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(task.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a centre-wide supervisor acts for every department");
            Assert.That(definitions.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "publishing stays with analysts");
        });
    }

    [Test]
    public async Task A_department_clerk_acts_on_their_own_department_only()
    {
        var token = Mint(Alice);

        var (own, ownBody) = await SendAsync(_host.Client, HttpMethod.Post, "/departments/market-regulation/tasks/t1/approve", token);
        var (other, otherBody) = await SendAsync(_host.Client, HttpMethod.Post, "/departments/taxation/tasks/t2/approve", token);

        Assert.Multiple(() =>
        {
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ownBody.GetString(), Is.EqualTo("t1 approved by alice"));
        });
        AssertProblem(other, otherBody, HttpStatusCode.Forbidden, "wrong-department", "belongs to department 'taxation'; yours is 'market-regulation'");
    }

    [Test]
    public async Task Anonymous_endpoints_ignore_missing_and_bad_tokens()
    {
        var (none, _) = await SendAsync(_host.Client, HttpMethod.Get, "/open", token: null);
        var (bad, _) = await SendAsync(_host.Client, HttpMethod.Get, "/open", "not-a-jwt");

        Assert.Multiple(() =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_token_carrying_the_system_role_is_401_even_when_properly_signed()
    {
        // The deadline engine's identity exists only inside the service; a signed token naming it is refused.
        var system = Mint(new Clerk("mallory", null, [ClerkRoles.System], null));
        var mixed = Mint(new Clerk("mallory", null, [ClerkRoles.Supervisor, ClerkRoles.System], null));

        var (alone, aloneBody) = await SendAsync(_host.Client, HttpMethod.Post, "/departments/taxation/tasks/t1/approve", system);
        var (together, togetherBody) = await SendAsync(_host.Client, HttpMethod.Get, "/me", mixed);

        AssertProblem(alone, aloneBody, HttpStatusCode.Unauthorized, "invalid-token", "'system' belongs to the service's deadline engine");
        AssertProblem(together, togetherBody, HttpStatusCode.Unauthorized, "invalid-token", "valid roles: window-clerk, department-clerk, supervisor, analyst, operator");
    }

    [Test]
    public async Task An_operator_passes_the_operator_policy_and_no_case_work_policy()
    {
        var token = Mint(new Clerk("ops", "运维", [ClerkRoles.Operator], null));

        var (operations, _) = await SendAsync(_host.Client, HttpMethod.Get, "/operations", token);
        var (intake, intakeBody) = await SendAsync(_host.Client, HttpMethod.Post, "/cases", token);

        Assert.That(operations.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertProblem(intake, intakeBody, HttpStatusCode.Forbidden, "forbidden", "your roles: operator");
    }

    [Test]
    public async Task Lifetime_is_checked_against_the_apps_TimeProvider()
    {
        // An app running on a fake clock (as the deadline tests do) must accept tokens minted on
        // that clock, and expire them when the clock moves past their lifetime.
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var host = await SecurityHost.StartAsync(clock);
        var token = Mint(Wang, time: clock, lifetime: TimeSpan.FromHours(1));

        var (before, _) = await SendAsync(host.Client, HttpMethod.Post, "/cases", token);
        clock.Advance(TimeSpan.FromHours(2));
        var (after, body) = await SendAsync(host.Client, HttpMethod.Post, "/cases", token);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertProblem(after, body, HttpStatusCode.Unauthorized, "token-expired", "2031-03-02T02:00:00Z");
    }
}
