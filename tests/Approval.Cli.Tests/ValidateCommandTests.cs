using System.CommandLine;
using System.Text.Json;
using Approval.Cli.Analysis;
using Approval.Cli.Commands;
using Approval.Cli.Hosting;

namespace Approval.Cli.Tests;

/// <summary><c>approval validate</c> on the shipped library and on a hand-checked broken fixture.</summary>
public class ValidateCommandTests
{
    internal static readonly string Workflows =
        DefinitionSource.FindWorkflowsDirectory(TestContext.CurrentContext.TestDirectory)
        ?? throw new InvalidOperationException("workflows/ not found above the test directory");

    internal static readonly string Fixtures = Path.Combine(Path.GetDirectoryName(Workflows)!, "tests", "Approval.Cli.Tests", "Fixtures");

    internal static (int Exit, string Out, string Err) Run(Command command, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string Out, string Err) Validate(params string[] args) => Run(ValidateCommand.Create(), ["validate", .. args]);

    [Test]
    public void The_shipped_library_is_valid()
    {
        var (exit, output, error) = Validate(Workflows, "--format", "json");

        Assert.That(exit, Is.Zero, output + error);
        using var report = JsonDocument.Parse(output);
        var files = report.RootElement.EnumerateArray().ToList();
        Assert.That(files.Select(f => Path.GetFileName(f.GetProperty("file").GetString())), Does.Contain("open-restaurant.json"));
        Assert.That(files.Select(f => Path.GetFileName(f.GetProperty("file").GetString())), Does.Not.Contain("departments.json"));
        Assert.That(files.All(f => f.GetProperty("ok").GetBoolean() && f.GetProperty("errors").GetInt32() == 0), output);
    }

    [Test]
    public void The_broken_fixture_reports_every_finding_where_the_snapshot_says()
    {
        var (exit, output, _) = Validate(Path.Combine(Fixtures, "broken"), "--format", "json");

        Assert.That(exit, Is.EqualTo(1));
        using var actual = JsonDocument.Parse(output);
        // The snapshot is .json.txt so that validating the folder does not take it for a definition.
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "broken", "expected-report.json.txt")));
        var file = actual.RootElement.EnumerateArray().Single();
        Assert.That(Path.GetFileName(file.GetProperty("file").GetString()), Is.EqualTo("broken-bundle.json"));
        Assert.That(file.GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(file.GetProperty("errors").GetInt32(), Is.EqualTo(4));
        Assert.That(file.GetProperty("warnings").GetInt32(), Is.EqualTo(1));

        // Codes, severities, positions and paths are the contract; messages may be reworded, so only their presence is checked.
        static string Key(JsonElement f) =>
            $"{f.GetProperty("severity").GetString()} {f.GetProperty("code").GetString()} {f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()} {f.GetProperty("path").GetString()}";
        Assert.That(file.GetProperty("findings").EnumerateArray().Select(Key), Is.EqualTo(expected.RootElement.EnumerateArray().Select(Key)));
        Assert.That(file.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()), Has.All.Not.Empty);
    }

    [Test]
    public void Text_output_has_one_clickable_line_per_finding_and_a_summary()
    {
        var (exit, output, _) = Validate(Path.Combine(Fixtures, "broken"), Path.Combine(Workflows, "open-restaurant.json"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("broken-bundle.json(12,25): error APV024: Department 'no-such-department'"));
        Assert.That(output, Does.Contain("broken-bundle.json(18,50): warning APV013:"));
        Assert.That(output, Does.Contain("[$.steps[1].branches[3].id]"));
        Assert.That(output, Does.Contain("ok: " + Path.Combine(Workflows, "open-restaurant.json")));
        Assert.That(output, Does.Contain("2 file(s) checked: 1 valid, 1 with errors; 4 error(s), 1 warning(s)."));
    }

    [Test]
    public void Warnings_alone_do_not_fail()
    {
        var directory = Directory.CreateTempSubdirectory("validate-warn-").FullName;
        try
        {
            var file = Path.Combine(directory, "warned.json");
            File.WriteAllText(file, """
                { "id": "warned", "name": "只有警告", "steps": [
                  { "type": "intake", "id": "intake", "name": "受理" },
                  { "type": "parallel", "id": "p", "name": "单分支", "join": "all", "branches": [
                    { "type": "task", "id": "t", "name": "审查", "department": "taxation", "timeLimit": { "workingDays": 1 } } ] },
                  { "type": "delivery", "id": "deliver", "name": "出件" } ] }
                """);
            var (exit, output, error) = Validate(file, "--departments", Path.Combine(Workflows, "departments.json"));
            Assert.That(exit, Is.Zero, output + error);
            Assert.That(output, Does.Contain("warning APV026"));
            Assert.That(output, Does.Contain("1 valid, 0 with errors; 0 error(s), 1 warning(s)."));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_missing_path_is_a_usage_error()
    {
        var (exit, _, error) = Validate(Path.Combine(Fixtures, "no-such-file.json"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("No such file or folder"));
    }
}
