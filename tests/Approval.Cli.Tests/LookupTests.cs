using Approval.Cli.Analysis;
using Approval.Cli.Commands;

namespace Approval.Cli.Tests;

/// <summary>The CLI works from any folder: the registry and calendars are found from the file, the current directory, or the tool's repository.</summary>
[NonParallelizable]
public class LookupTests
{
    private static string Workflows => ValidateCommandTests.Workflows;

    private string _previous = "";

    [SetUp]
    public void Remember() => _previous = Environment.CurrentDirectory;

    [TearDown]
    public void Restore() => Environment.CurrentDirectory = _previous;

    [Test]
    public void Validate_dot_inside_workflows_checks_the_library()
    {
        Environment.CurrentDirectory = Workflows;
        var (exit, output, error) = ValidateCommandTests.Run(ValidateCommand.Create(), "validate", ".");
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output, Does.Contain("open-restaurant.json"));
        Assert.That(output, Does.Match(@"\d+ file\(s\) checked: \d+ valid, 0 with errors"));
    }

    [Test]
    public void Validate_without_paths_inside_workflows_checks_that_folder()
    {
        Environment.CurrentDirectory = Workflows;
        Assert.That(DefinitionSource.FindWorkflowsDirectory(Environment.CurrentDirectory), Is.EqualTo(Path.GetFullPath(Workflows)));
    }

    [Test]
    public void A_draft_outside_the_repository_is_checked_against_the_registry_of_the_current_directory()
    {
        var draft = Path.Combine(Directory.CreateTempSubdirectory("draft-").FullName, "open-restaurant.json");
        File.Copy(Path.Combine(Workflows, "open-restaurant.json"), draft);
        Environment.CurrentDirectory = Path.GetDirectoryName(Workflows)!;

        Assert.That(DefinitionSource.FindRegistry(draft), Is.EqualTo(Path.Combine(Workflows, "departments.json")));
        var (exit, output, error) = ValidateCommandTests.Run(DiffCommand.Create(), "diff", draft, Path.Combine(Workflows, "open-restaurant.json"));
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("No changes"));
    }

    [Test]
    public void Calendars_are_found_from_inside_workflows()
    {
        Environment.CurrentDirectory = Workflows;
        Assert.That(CalendarCommand.FindCalendarsDirectory(null), Is.EqualTo(Path.Combine(Workflows, "calendars")));
    }

    [Test]
    public void A_departments_option_naming_a_missing_file_is_an_error_naming_it()
    {
        var (exit, _, error) = ValidateCommandTests.Run(ValidateCommand.Create(), "validate", Path.Combine(Workflows, "open-restaurant.json"), "--departments", "/nowhere/departments.json");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("/nowhere/departments.json"));
    }

    [Test]
    public void Validating_the_invalid_fixtures_folder_skips_the_saved_reports()
    {
        var invalid = Path.Combine(Path.GetDirectoryName(Workflows)!, "tests", "fixtures", "definitions", "invalid");
        var skipped = new List<string>();
        var files = DefinitionSource.Expand([invalid], skipped);
        Assert.That(files.Select(Path.GetFileName), Has.None.EndsWith(".expected.json"));
        Assert.That(files.Select(Path.GetFileName), Does.Contain("bad-json.json"), "a definition with a syntax error is still reported");
        Assert.That(skipped, Is.Not.Empty);
        Assert.That(skipped.Select(Path.GetFileName), Has.All.EndsWith(".expected.json"));
    }
}
