using Approval.Cli.Commands;

namespace Approval.Cli.Tests;

/// <summary><c>approval exchange export</c>: its arguments (the records themselves are tested with the outbox in Approval.Supervision.Tests).</summary>
public class ExchangeCommandTests
{
    private static (int Exit, string Out, string Err) Exchange(params string[] args) => ValidateCommandTests.Run(ExchangeCommand.Create(), ["exchange", .. args]);

    [TestCase("--from", "yesterday", "--to", "2026-12-02")]
    [TestCase("--from", "2026-12-02", "--to", "2026-12-01")]
    [TestCase("--to", "2026-12-02")]
    public void Bad_windows_are_usage_errors(params string[] args)
    {
        var (exit, _, error) = Exchange(["export", .. args]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--from").Or.Contain("--to"));
    }

    [Test]
    public void A_missing_database_is_a_usage_error_that_says_where_it_looked()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.db");

        var (exit, _, error) = Exchange("export", "--from", "2026-12-01", "--to", "2026-12-02", "--connection", $"Data Source={missing}");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(missing));
    }
}
