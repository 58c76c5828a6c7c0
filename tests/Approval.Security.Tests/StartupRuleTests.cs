using System.Net;
using Approval.Engine.Cases;
using Microsoft.Extensions.Options;

namespace Approval.Security.Tests;

/// <summary>The development-key rule of <see cref="JwtOptions"/>, checked where it bites: host start-up.</summary>
public class StartupRuleTests
{
    private static Dictionary<string, string?> WithKey(string? key) => new()
    {
        ["Authentication:Jwt:SigningKey"] = key,
    };

    [TestCase("Production")]
    [TestCase("Staging")]
    [TestCase("Testing")]
    public void Outside_Development_a_missing_key_refuses_start_up(string environment)
    {
        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => SecurityHost.StartAsync(environment, WithKey(null)));

        Assert.That(ex!.Message, Does.Contain("Authentication:Jwt:SigningKey is not set").And.Contain("only in Development"));
    }

    [Test]
    public void Outside_Development_the_development_key_refuses_start_up()
    {
        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => SecurityHost.StartAsync("Production", WithKey(JwtOptions.DevelopmentSigningKey)));

        Assert.That(ex!.Message, Does.Contain("published development key"));
    }

    [TestCase("Development")]
    [TestCase("Production")]
    public void A_short_key_refuses_start_up_everywhere(string environment)
    {
        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => SecurityHost.StartAsync(environment, WithKey("too-short")));

        Assert.That(ex!.Message, Does.Contain("is 9 bytes; HS256 needs at least 32"));
    }

    [Test]
    public void Every_problem_is_listed_at_once()
    {
        var settings = WithKey(null);
        settings["Authentication:Jwt:Issuer"] = "";
        settings["Authentication:Jwt:TokenLifetime"] = "00:00:00";

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => SecurityHost.StartAsync("Production", settings));

        Assert.That(ex!.Failures.ToList(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task In_Development_a_missing_key_means_the_development_key()
    {
        await using var host = await SecurityHost.StartAsync("Development", WithKey(null));
        var token = new TokenIssuer(new JwtOptions()).Issue(new Clerk("dev", null, [ClerkRoles.WindowClerk], null));

        var (response, _) = await AuthenticationTests.SendAsync(host.Client, HttpMethod.Post, "/cases", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_base64_key_is_decoded_and_a_real_key_starts_in_Production()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
        var key = JwtOptions.Base64Prefix + Convert.ToBase64String(bytes);
        await using var host = await SecurityHost.StartAsync("Production", WithKey(key));
        var issuer = host.Services.GetService(typeof(TokenIssuer)) as TokenIssuer;

        var (response, _) = await AuthenticationTests.SendAsync(host.Client, HttpMethod.Post, "/cases",
            issuer!.Issue(new Clerk("ops", null, [ClerkRoles.WindowClerk], null)));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(new JwtOptions { SigningKey = key }.CreateSecurityKey().Key, Is.EqualTo(bytes));
        });
    }

    [TestCase("base64:not*base64", "not valid base64")]
    [TestCase("base64:AAAA", "is 3 bytes")]
    [TestCase("   ", "is not set")]
    public void Unusable_keys_are_explained(string key, string expected)
    {
        Assert.That(JwtOptions.TryDecodeKey(key, out var bytes, out var error), Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.Empty);
            Assert.That(error, Does.Contain(expected));
            Assert.That(error, Does.Not.Contain("AAAA"), "the key itself is never echoed");
        });
    }

    [Test]
    public void The_defaults_are_documented_values()
    {
        var options = new JwtOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Issuer, Is.EqualTo("approval"));
            Assert.That(options.Audience, Is.EqualTo("approval-api"));
            Assert.That(options.ClockSkew, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.TokenLifetime, Is.EqualTo(TimeSpan.FromHours(8)));
            Assert.That(options.Validate(isDevelopment: true), Is.Empty);
            Assert.That(options.Validate(isDevelopment: false), Has.Count.EqualTo(1));
        });
    }
}
