using System.CommandLine;
using Approval.Cli.Commands;
using Approval.Cli.Hosting;

namespace Approval.Cli.Tests;

/// <summary>
/// The documented exit-code contract (0 done, 1 data error, 2 bad arguments), checked through the
/// same root command and runner as the shipped <c>approval</c> so parse errors map to 2 in one place.
/// </summary>
public class ExitCodeTests
{
    private static string OpenRestaurant => Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json");

    private static (int Exit, string Out, string Err) Approval(params string[] args)
    {
        var root = new RootCommand("approval");
        foreach (var command in new[] { ValidateCommand.Create(), SimulateCommand.Create(), DiagramCommand.Create(), DiffCommand.Create(), CalendarCommand.Create() })
            root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void Simulate_without_start_is_a_usage_error()
    {
        var (exit, _, error) = Approval("simulate", OpenRestaurant);
        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("--start"));
        Assert.That(error, Does.Contain("approval simulate --help"));
    }

    [Test]
    public void Validate_with_an_unknown_format_is_a_usage_error()
    {
        var (exit, _, error) = Approval("validate", "--format", "xml", OpenRestaurant);
        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("xml"));
    }

    [Test]
    public void Diagram_without_a_file_is_a_usage_error()
    {
        var (exit, _, error) = Approval("diagram");
        Assert.That(exit, Is.EqualTo(2), error);
    }

    [Test]
    public void Diff_with_one_file_is_a_usage_error()
    {
        var (exit, _, error) = Approval("diff", OpenRestaurant);
        Assert.That(exit, Is.EqualTo(2), error);
    }

    [Test]
    public void Validate_with_an_unknown_option_says_so_instead_of_looking_for_a_file()
    {
        var (exit, _, error) = Approval("validate", "--bogus");
        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("unknown option '--bogus'"));
        Assert.That(error, Does.Not.Contain("No such file"));
    }

    [Test]
    public void No_command_at_all_is_a_usage_error()
    {
        var (exit, _, _) = Approval();
        Assert.That(exit, Is.EqualTo(2));
    }

    [Test]
    public void A_valid_command_line_still_runs_its_command()
    {
        var (exit, output, error) = Approval("validate", OpenRestaurant);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("1 valid"));
    }
}
