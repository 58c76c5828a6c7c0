using Approval.Cli.Commands;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Approval.Cli.Tests;

/// <summary><c>approval token</c>: mints only the roles a person may hold; bad arguments exit 2.</summary>
public class TokenCommandTests
{
    private static (int Exit, string Out, string Err) Token(params string[] args) =>
        ValidateCommandTests.Run(TokenCommand.Create(), ["token", .. args]);

    [Test]
    public void The_system_role_is_refused_with_the_valid_roles_listed()
    {
        var (exit, output, error) = Token("--user", "mallory", "--role", "system");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty, "no token is printed");
            Assert.That(error, Does.Contain("'system'").And.Contain("valid roles: window-clerk, department-clerk, supervisor, analyst, operator"));
        });
    }

    [Test]
    public void An_unknown_role_exits_2()
    {
        var (exit, output, error) = Token("--user", "u", "--role", "king");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("unknown role(s) king").And.Contain("operator"));
        });
    }

    [Test]
    public void A_department_clerk_without_department_exits_2()
    {
        var (exit, _, error) = Token("--user", "u", "--role", "department-clerk");

        Assert.That(exit, Is.EqualTo(2), error);
    }

    [Test]
    public void An_operator_token_is_minted()
    {
        var (exit, output, error) = Token("--user", "ops", "--role", "operator", "--config", Path.GetTempPath());

        Assert.That(exit, Is.Zero, error);
        Assert.That(new JsonWebToken(output.Trim()).GetPayloadValue<string>("role"), Is.EqualTo("operator"));
    }
}
