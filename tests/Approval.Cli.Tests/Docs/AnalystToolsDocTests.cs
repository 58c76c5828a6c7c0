using System.CommandLine;
using Approval.Cli.Commands;
using Approval.Cli.Hosting;

namespace Approval.Cli.Tests.Docs;

/// <summary>
/// Runs every <c>approval …</c> line of docs/analyst-tools.md and the README's analyst block as
/// written, in a copy of the repository's layout, so an example that drifts from the CLI fails CI.
/// Lines that need a running service (<c>token</c>, <c>publish</c>) are covered by PublishCommandTests
/// and the API's doc tests; every other line must run with the exit code the page implies.
/// </summary>
[NonParallelizable]
public class AnalystToolsDocTests
{
    private static readonly string Workflows = ValidateCommandTests.Workflows;
    private static readonly string Repository = Path.GetDirectoryName(Workflows)!;

    /// <summary>Lines the page shows failing on purpose, by their words: the drafts folder holds the broken bundle whose report the page prints.</summary>
    private static readonly Dictionary<string, int> ExpectedNonZero = new(StringComparer.Ordinal)
    {
        ["validate workflows/open-restaurant.json drafts/"] = 1,
    };

    private static readonly string[] NeedsTheService = ["token", "publish", "supervision"];

    private string _previous = "";
    private string _sandbox = "";

    [SetUp]
    public void MakeSandbox()
    {
        _previous = Environment.CurrentDirectory;
        _sandbox = Directory.CreateTempSubdirectory("docs-sandbox-").FullName;
        Copy(Workflows, Path.Combine(_sandbox, "workflows"));
        Copy(Workflows, Path.Combine(_sandbox, "old"));
        Copy(Path.Combine(ValidateCommandTests.Fixtures, "broken"), Path.Combine(_sandbox, "drafts"));
        File.WriteAllText(Path.Combine(_sandbox, "form.json"), """{ "placementType": "self", "serviceYears": 12 }""");
        Environment.CurrentDirectory = _sandbox;
    }

    [TearDown]
    public void Restore()
    {
        Environment.CurrentDirectory = _previous;
        Directory.Delete(_sandbox, recursive: true);
    }

    public static IEnumerable<TestCaseData> Pages() =>
        new[] { "docs/analyst-tools.md", "docs/first-hour-analyst.md", "README.md" }
            .Where(page => File.Exists(Path.Combine(Repository, page)))
            .SelectMany(page => DocCommands.Extract(File.ReadAllText(Path.Combine(Repository, page)))
                .Where(line => line.Args.Count > 0 && !NeedsTheService.Contains(line.Args[0]))
                .Select(line => new TestCaseData(page, line).SetName($"{page}:{line.LineNumber} approval {string.Join(' ', line.Args)}")));

    [Test]
    public void The_pages_have_commands_to_run() =>
        Assert.That(Pages().Count(), Is.GreaterThanOrEqualTo(10), "the extractor found the examples");

    [TestCaseSource(nameof(Pages))]
    public void Each_example_runs_as_written(string page, DocCommands.Line line)
    {
        foreach (var before in line.Before) Emulate(before);

        var (exit, output, error) = Run(line.Args);
        if (line.RedirectTo is { } target) File.WriteAllText(target, output);

        var key = string.Join(' ', line.Args);
        var expected = ExpectedNonZero.GetValueOrDefault(key, 0);
        Assert.That(exit, Is.EqualTo(expected), $"{page}:{line.LineNumber}: {line.Text}\n{output}\n{error}");
        if (line.RedirectTo is null && expected == 0) Assert.That(output + error, Is.Not.Empty);
    }

    /// <summary>The shell steps before an <c>&amp;&amp;</c>: only <c>git show REF:PATH &gt; FILE</c> appears, emulated by copying the file (CI's clone may lack the ref).</summary>
    private static void Emulate(string shell)
    {
        var words = DocCommands.Split(shell);
        Assert.That(words.Take(2), Is.EqualTo(new[] { "git", "show" }), $"the doc test does not know how to run '{shell}'");
        var source = words[2][(words[2].IndexOf(':', StringComparison.Ordinal) + 1)..];
        var target = words[4];
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        File.Copy(Path.Combine(Repository, source), target, overwrite: true);
    }

    private static (int Exit, string Out, string Err) Run(IReadOnlyList<string> args)
    {
        var root = new RootCommand("approval");
        foreach (var command in new[] { ValidateCommand.Create(), SimulateCommand.Create(), DiagramCommand.Create(), DiffCommand.Create(), CalendarCommand.Create(), VersionCommand.Create() })
            root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
