using Approval.Cli.Commands;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Newtonsoft.Json.Linq;

namespace Approval.Cli.Tests;

/// <summary><c>approval elsa export|import</c>: folders both ways with an exact round trip, problems on stderr, exit codes.</summary>
public class ElsaCommandTests
{
    private static readonly string ElsaFixtures = Path.Combine(Path.GetDirectoryName(ValidateCommandTests.Workflows)!, "tests", "fixtures", "elsa");
    private string _scratch = "";

    [SetUp]
    public void CreateScratch() => Directory.CreateDirectory(_scratch = Path.Combine(Path.GetTempPath(), $"elsa-cli-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteScratch() => Directory.Delete(_scratch, recursive: true);

    private static (int Exit, string Out, string Err) Elsa(params string[] args) => ValidateCommandTests.Run(ElsaCommand.Create(), ["elsa", .. args]);

    [Test]
    public void The_workflows_folder_goes_to_Elsa_and_back_unchanged()
    {
        var exported = Path.Combine(_scratch, "elsa");
        var imported = Path.Combine(_scratch, "back");

        var export = Elsa("export", ValidateCommandTests.Workflows, "-o", exported);
        var import = Elsa("import", exported, "-o", imported, "--departments", Path.Combine(ValidateCommandTests.Workflows, "departments.json"));

        Assert.That(export.Exit, Is.Zero, export.Err);
        Assert.That(import.Exit, Is.Zero, import.Err);
        var registry = DepartmentRegistry.Load(Path.Combine(ValidateCommandTests.Workflows, "departments.json"));
        var originals = DefinitionLoader.LoadDirectory(ValidateCommandTests.Workflows, registry);
        Assert.That(Directory.GetFiles(exported, "*.elsa.json"), Has.Length.EqualTo(originals.Count));
        foreach (var original in originals)
        {
            var back = DefinitionLoader.LoadFile(Path.Combine(imported, Path.GetFileName(original.File)), registry);
            Assert.That(back.CanonicalJson, Is.EqualTo(original.CanonicalJson), original.File);
        }
    }

    [Test]
    public void One_file_exports_to_stdout_as_an_Elsa_definition()
    {
        var (exit, output, error) = Elsa("export", Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json"));

        Assert.That(exit, Is.Zero, error);
        var elsa = JObject.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That((string?)elsa["$schema"], Does.StartWith("https://elsaworkflows.io/schemas/workflow-definition"));
            Assert.That((string?)elsa["definitionId"], Is.EqualTo("open-restaurant"));
            Assert.That((string?)elsa["root"]!["type"], Is.EqualTo("Elsa.Flowchart"));
        });
    }

    [Test]
    public void An_Elsa_authored_file_imports_to_stdout()
    {
        var (exit, output, error) = Elsa("import", Path.Combine(ElsaFixtures, "authored", "fork-join-3.6.json"));

        Assert.That(exit, Is.Zero, error);
        Assert.That((string?)JObject.Parse(output)["id"], Is.EqualTo("shop-licences"));
    }

    [Test]
    public void A_broken_file_reports_every_problem_with_activity_and_path_and_writes_nothing()
    {
        var (exit, output, error) = Elsa("import", Path.Combine(ElsaFixtures, "invalid", "unsupported.json"), "-o", _scratch);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("ELSA004").And.Contain("activity WriteLine1 (Elsa.WriteLine) at $.root.activities[1]"));
            Assert.That(error, Does.Contain("ELSA006").And.Contain("ELSA011").And.Contain("ELSA015"));
            Assert.That(Directory.GetFiles(_scratch), Is.Empty);
        });
    }

    [Test]
    public void A_folder_with_one_broken_file_still_imports_the_others_and_exits_1()
    {
        var folder = Path.Combine(_scratch, "mixed");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(ElsaFixtures, "authored", "fork-join-3.6.json"), Path.Combine(folder, "good.json"));
        File.Copy(Path.Combine(ElsaFixtures, "invalid", "crossing.json"), Path.Combine(folder, "bad.json"));

        var (exit, _, error) = Elsa("import", folder, "-o", Path.Combine(_scratch, "out"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("ELSA008"));
        Assert.That(File.Exists(Path.Combine(_scratch, "out", "shop-licences.json")), Is.True);
    }

    [TestCase("export")]
    [TestCase("import")]
    public void A_folder_without_an_output_folder_is_a_usage_error(string direction)
    {
        Assert.That(Elsa(direction, ValidateCommandTests.Workflows).Exit, Is.EqualTo(2));
    }

    [TestCase("export")]
    [TestCase("import")]
    public void A_missing_file_exits_1_and_an_unknown_option_exits_2(string direction)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Elsa(direction, Path.Combine(_scratch, "nope.json")).Exit, Is.EqualTo(1));
            Assert.That(Elsa(direction, Path.Combine(ValidateCommandTests.Workflows, "birth.json"), "--frobnicate").Exit, Is.EqualTo(2));
        });
    }

    [Test]
    public void An_invalid_definition_is_not_exported()
    {
        var broken = Path.Combine(_scratch, "broken.json");
        File.WriteAllText(broken, """{ "id": "broken", "name": "坏", "steps": [] }""");

        var (exit, output, _) = Elsa("export", broken, "--departments", Path.Combine(ValidateCommandTests.Workflows, "departments.json"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
    }
}
