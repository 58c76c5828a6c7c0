using Approval.Definitions.Departments;
using Approval.Definitions.Elsa;
using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests.Elsa;

/// <summary>
/// Hand-made Elsa files (tests/fixtures/elsa): flowcharts as Studio writes them in both layouts
/// import to the expected definition; broken ones give exactly the listed problems.
/// </summary>
public class ElsaFixtureTests
{
    private static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "fixtures", "elsa");
    private static readonly DepartmentRegistry Departments = DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, DefinitionLoader.DepartmentsFile));

    private static IEnumerable<TestCaseData> Authored() =>
        Directory.GetFiles(Path.Combine(Fixtures, "authored"), "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order()
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)));

    private static IEnumerable<TestCaseData> Invalid() =>
        Directory.GetFiles(Path.Combine(Fixtures, "invalid"), "*.json").Order()
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)));

    [TestCaseSource(nameof(Authored))]
    public void An_Elsa_authored_flowchart_imports_to_the_expected_definition(string file)
    {
        var imported = ElsaImporter.ImportFile(file, Departments);
        // Loaded under a name without .json: the expected file is not named by its id (APV031).
        var expected = DefinitionLoader.Load(File.ReadAllText(file.Replace(".json", ".expected.json", StringComparison.Ordinal)), "expected", Departments);

        Assert.That(imported.Problems.Select(p => p.Format(Path.GetFileName(file))), Is.Empty);
        Assert.That(expected.Errors, Is.Empty, "the expected file itself must be a valid definition");
        Assert.That(imported.Loaded!.CanonicalJson, Is.EqualTo(expected.CanonicalJson), imported.Json);
    }

    [TestCaseSource(nameof(Invalid))]
    public void A_broken_Elsa_file_gives_every_listed_problem_and_no_definition(string file)
    {
        var expected = File.ReadAllLines(Path.ChangeExtension(file, ".problems.txt")).Where(l => l.Length > 0).Order(StringComparer.Ordinal);

        var imported = ElsaImporter.ImportFile(file, Departments);

        Assert.Multiple(() =>
        {
            Assert.That(imported.Succeeded, Is.False);
            Assert.That(imported.Json, Is.Null);
            Assert.That(imported.Problems.Select(p => $"{p.Code} {p.ActivityId ?? "-"} {p.ActivityType ?? "-"} {p.JsonPath}").Order(StringComparer.Ordinal),
                Is.EqualTo(expected), string.Join("\n", imported.Problems.Select(p => p.Format(Path.GetFileName(file)))));
            Assert.That(imported.Problems.Select(p => p.Message), Has.All.Not.Empty);
        });
    }

    [Test]
    public void A_validation_error_names_the_rule_and_the_activity()
    {
        var imported = ElsaImporter.ImportFile(Path.Combine(Fixtures, "invalid", "unknown-department.json"), Departments);

        Assert.That(imported.Problems.Single().Message, Does.Contain("APV024").And.Contain("ministry-of-magic"));
    }
}
