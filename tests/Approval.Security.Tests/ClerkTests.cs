using System.Security.Claims;
using Approval.Engine.Cases;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Approval.Security.Tests;

public class ClerkTests
{
    [TestCase(ClerkRoles.DepartmentClerk, "market-regulation", "market-regulation", true)]
    [TestCase(ClerkRoles.DepartmentClerk, "market-regulation", "taxation", false)]
    [TestCase(ClerkRoles.DepartmentClerk, null, "taxation", false)]
    [TestCase(ClerkRoles.WindowClerk, null, "taxation", false)]
    [TestCase(ClerkRoles.Supervisor, null, "taxation", true)]
    [TestCase(ClerkRoles.Supervisor, "fire-rescue", "fire-rescue", true)]
    [TestCase(ClerkRoles.Supervisor, "fire-rescue", "taxation", false)]
    [TestCase(ClerkRoles.System, null, "taxation", true)]
    public void CanActFor_follows_the_department_rule(string role, string? department, string taskDepartment, bool expected)
    {
        var clerk = new Clerk("u", null, [role], department);

        Assert.That(clerk.CanActFor(taskDepartment), Is.EqualTo(expected));
    }

    [Test]
    public void Department_comparison_is_exact()
    {
        Assert.That(new Clerk("u", null, [ClerkRoles.DepartmentClerk], "taxation").CanActFor("Taxation"), Is.False);
    }

    [Test]
    public void The_deadline_engine_has_its_own_identity()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Clerk.System.UserId, Is.EqualTo("system"));
            Assert.That(Clerk.System.Roles, Is.EqualTo(new[] { ClerkRoles.System }));
            Assert.That(Clerk.System.Department, Is.Null);
        });
    }

    [Test]
    public void An_unauthenticated_principal_is_no_clerk()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")]));

        Assert.Multiple(() =>
        {
            Assert.That(Clerk.TryFromPrincipal(anonymous, out _), Is.False);
            Assert.That(Clerk.TryFromPrincipal(null, out _), Is.False);
            Assert.Throws<InvalidOperationException>(() => Clerk.FromPrincipal(anonymous));
        });
    }

    [Test]
    public void Claims_map_to_the_clerk_with_the_user_id_as_fallback_name()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "alice"), new Claim("role", "analyst"), new Claim("role", "supervisor"), new Claim("role", "analyst"), new Claim("department", " ")],
            "Bearer"));

        var clerk = Clerk.FromPrincipal(principal);

        Assert.Multiple(() =>
        {
            Assert.That(clerk.UserId, Is.EqualTo("alice"));
            Assert.That(clerk.DisplayName, Is.EqualTo("alice"));
            Assert.That(clerk.Roles, Is.EqualTo(new[] { "analyst", "supervisor" }));
            Assert.That(clerk.Department, Is.Null);
            Assert.That(clerk.IsInRole(ClerkRoles.Supervisor), Is.True);
            Assert.That(clerk.ToString(), Is.EqualTo("alice (analyst,supervisor)"));
        });
    }

    [Test]
    public void Invalid_clerks_cannot_be_made()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => _ = new Clerk(" ", null, [], null));
            Assert.Throws<ArgumentException>(() => _ = new Clerk("u", null, [], " "));
        });
    }

    [Test]
    public void Known_roles_are_the_wire_values()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ClerkRoles.All, Is.EqualTo(new[] { "window-clerk", "department-clerk", "supervisor", "analyst", "operator", "system" }));
            Assert.That(ClerkRoles.Assignable, Is.EqualTo(new[] { "window-clerk", "department-clerk", "supervisor", "analyst", "operator" }));
            Assert.That(ClerkRoles.IsAssignable("system"), Is.False);
            Assert.That(ClerkRoles.IsAssignable("operator"), Is.True);
            Assert.That(ClerkRoles.IsKnown("supervisor"), Is.True);
            Assert.That(ClerkRoles.IsKnown("Supervisor"), Is.False);
        });
    }
}

public class TokenIssuerTests
{
    private static JsonWebToken Read(string token) => new(token);

    [Test]
    public void One_role_is_a_string_several_are_an_array()
    {
        var issuer = new TokenIssuer(SecurityHost.Options);

        var one = Read(issuer.Issue(new Clerk("a", null, [ClerkRoles.Analyst], null)));
        var two = Read(issuer.Issue(new Clerk("b", null, [ClerkRoles.Analyst, ClerkRoles.Supervisor], "taxation")));

        Assert.Multiple(() =>
        {
            Assert.That(one.GetPayloadValue<string>("role"), Is.EqualTo("analyst"));
            Assert.That(one.TryGetPayloadValue<string>("department", out _), Is.False);
            Assert.That(two.GetPayloadValue<string[]>("role"), Is.EqualTo(new[] { "analyst", "supervisor" }));
            Assert.That(two.GetPayloadValue<string>("department"), Is.EqualTo("taxation"));
            Assert.That(two.Alg, Is.EqualTo("HS256"));
        });
    }

    [Test]
    public void Times_come_from_the_clock_and_the_lifetime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        var issuer = new TokenIssuer(SecurityHost.Options, clock);

        var byDefault = Read(issuer.Issue(new Clerk("a", "甲", [ClerkRoles.Analyst], null)));
        var shortLived = Read(issuer.Issue(new Clerk("a", "甲", [ClerkRoles.Analyst], null), TimeSpan.FromMinutes(5)));

        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Issuer, Is.EqualTo("approval-test"));
            Assert.That(byDefault.Audiences, Is.EqualTo(new[] { "approval-api-test" }));
            Assert.That(byDefault.Subject, Is.EqualTo("a"));
            Assert.That(byDefault.GetPayloadValue<string>("name"), Is.EqualTo("甲"));
            Assert.That(byDefault.ValidFrom, Is.EqualTo(clock.GetUtcNow().UtcDateTime));
            Assert.That(byDefault.ValidTo, Is.EqualTo(clock.GetUtcNow().UtcDateTime.AddHours(8)));
            Assert.That(shortLived.ValidTo, Is.EqualTo(clock.GetUtcNow().UtcDateTime.AddMinutes(5)));
            Assert.That(byDefault.Id, Is.Not.EqualTo(shortLived.Id));
        });
    }

    [Test]
    public void A_non_positive_lifetime_is_refused()
    {
        var issuer = new TokenIssuer(SecurityHost.Options);

        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Issue(Clerk.System, TimeSpan.Zero));
    }

    [Test]
    public void An_unusable_key_is_refused_when_the_issuer_is_made()
    {
        Assert.Throws<InvalidOperationException>(() => _ = new TokenIssuer(new JwtOptions { SigningKey = "short" }));
    }
}
