using System.Xml.Linq;
using Approval.Cli.Commands;
using Approval.Definitions.Departments;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Loading;

namespace Approval.Cli.Tests;

/// <summary>The drawing moved into Approval.Definitions; the CLI's SVG must not change by a byte, and state colouring is opt-in.</summary>
public class DiagramGoldenTests
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Diagrams");
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static IEnumerable<string> ShippedDefinitions() => DiagramCommandTests.ShippedDefinitions();

    [TestCaseSource(nameof(ShippedDefinitions))]
    public void The_cli_writes_the_same_bytes_as_before_the_move(string fileName)
    {
        var output = Path.Combine(Path.GetTempPath(), $"golden-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, _, error) = ValidateCommandTests.Run(DiagramCommand.Create(), ["diagram", Path.Combine(ValidateCommandTests.Workflows, fileName), "-o", output]);
            Assert.That(exit, Is.Zero, error);
            var expected = File.ReadAllBytes(Path.Combine(Golden, Path.ChangeExtension(fileName, ".svg")));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(expected));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Test]
    public void Step_states_colour_only_the_named_steps()
    {
        var departments = DepartmentRegistry.Load(Path.Combine(ValidateCommandTests.Workflows, "departments.json"));
        var definition = DefinitionLoader.LoadFile(Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json"), departments).Definition!;
        var plain = SvgWriter.Write(definition, departments);
        var coloured = XDocument.Parse(SvgWriter.Write(definition, departments, new Dictionary<string, string> { ["intake"] = "done", ["fire-safety"] = "red" }));

        string? State(string id) => (string?)coloured.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == $"step-{id}").Attribute("data-state");
        Assert.Multiple(() =>
        {
            Assert.That(State("intake"), Is.EqualTo("done"));
            Assert.That(State("fire-safety"), Is.EqualTo("red"));
            Assert.That(State("business-licence"), Is.Null);
            Assert.That(coloured.Descendants(Svg + "style").Single().Value, Does.Contain(".state-red"));
            Assert.That(plain, Does.Not.Contain("state-"));
        });
    }
}
