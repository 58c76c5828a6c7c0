using System.Xml.Linq;
using Approval.Cli.Analysis;
using Approval.Cli.Analysis.Diagram;
using Approval.Cli.Commands;
using Approval.Definitions.Departments;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Cli.Tests;

/// <summary><c>approval diagram</c>: well-formed SVG with one group per step for every shipped definition, Mermaid, and a sane layout.</summary>
public class DiagramCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DepartmentRegistry Departments = DepartmentRegistry.Load(Path.Combine(ValidateCommandTests.Workflows, "departments.json"));

    public static IEnumerable<string> ShippedDefinitions() =>
        Directory.EnumerateFiles(ValidateCommandTests.Workflows, "*.json")
            .Where(f => Path.GetFileName(f) != DefinitionLoader.DepartmentsFile)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    private static (int Exit, string Out, string Err) Diagram(params string[] args) =>
        ValidateCommandTests.Run(DiagramCommand.Create(), ["diagram", .. args]);

    /// <summary>Every step id of the definition, walked here by hand rather than with the CLI's own walker.</summary>
    private static List<string> StepIds(IEnumerable<StepDefinition> steps)
    {
        var ids = new List<string>();
        foreach (var step in steps)
        {
            ids.Add(step.Id);
            ids.AddRange(StepIds(step.Children));
        }

        return ids;
    }

    [TestCaseSource(nameof(ShippedDefinitions))]
    public void Svg_parses_and_has_one_node_per_step(string fileName)
    {
        var file = Path.Combine(ValidateCommandTests.Workflows, fileName);
        var definition = DefinitionLoader.LoadFile(file, Departments).Definition!;
        var (exit, output, error) = Diagram(file);

        Assert.That(exit, Is.Zero, error);
        var svg = XDocument.Parse(output);
        Assert.That(svg.Root!.Name, Is.EqualTo(Svg + "svg"));
        var nodes = svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("id")).Where(id => id?.StartsWith("step-", StringComparison.Ordinal) == true).ToList();
        Assert.That(nodes, Is.EquivalentTo(StepIds(definition.Steps).Select(id => "step-" + id)));
        Assert.That(nodes, Is.Unique);
    }

    [Test]
    public void Task_boxes_show_name_department_limit_and_condition_and_blocks_show_their_join()
    {
        var (_, output, _) = Diagram(Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json"));
        var svg = XDocument.Parse(output);
        string Texts(string id) => string.Join(" | ", svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == id).Descendants(Svg + "text").Select(t => t.Value));

        Assert.That(Texts("step-food-permit"), Is.EqualTo("食品经营许可 | 市场监管局 (market-regulation) | 限时 3 工作日"));
        Assert.That(Texts("step-outdoor-sign"), Does.Contain("when hasOutdoorSign").And.Contain("超时默许"));
        Assert.That(Texts("step-joint-review"), Does.Contain("join all (会签)"));
    }

    [Test]
    public void Ampersands_quotes_and_angle_brackets_are_escaped()
    {
        var (exit, output, error) = Diagram(Path.Combine(ValidateCommandTests.Fixtures, "escape", "escape-sample.json"));

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("R&amp;D &lt;实验&gt;"));
        var svg = XDocument.Parse(output);
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Does.Contain("大型 \"审查\" & 核验"));
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Does.Contain("when seats > 50 and kind != 'R&D'"));
    }

    [Test]
    public void Output_file_is_written_as_utf8_without_bom()
    {
        var target = Path.Combine(Path.GetTempPath(), $"diagram-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, output, _) = Diagram(Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json"), "-o", target);
            Assert.That(exit, Is.Zero);
            Assert.That(output, Is.Empty);
            var bytes = File.ReadAllBytes(target);
            Assert.That(bytes[0], Is.EqualTo((byte)'<'));
            Assert.That(XDocument.Load(target).Descendants(Svg + "g").Count(g => (string?)g.Attribute("id") == "step-fire-safety"), Is.EqualTo(1));
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Test]
    public void Mermaid_has_a_node_per_task_fork_and_join_and_labelled_decision_edges()
    {
        var (exit, output, _) = Diagram(Path.Combine(ValidateCommandTests.Fixtures, "escape", "escape-sample.json"), "--mermaid");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.StartWith("flowchart TD"));
        Assert.That(output, Does.Contain("s_big_review[\"<b>大型 #quot;审查#quot; & 核验</b>"));
        Assert.That(output, Does.Contain("s_route -- \"when seats #gt; 50 and kind != 'R&D'\" --> s_big_review"));
        Assert.That(output, Does.Contain("s_route -- \"otherwise\" --> s_small_review"));

        var (_, restaurant, _) = Diagram(Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json"), "--mermaid");
        Assert.That(restaurant, Does.Contain("s_joint_review_fork --> s_outdoor_sign"));
        Assert.That(restaurant, Does.Contain("s_joint_review_join[[\"join all (会签)\"]]"));
        Assert.That(restaurant, Does.Contain("s_intake --> s_joint_review_fork"));
        Assert.That(restaurant, Does.Contain("s_joint_review_join --> s_delivery"));
    }

    [TestCaseSource(nameof(ShippedDefinitions))]
    public void Sibling_boxes_never_overlap_and_children_stay_inside_their_block(string fileName)
    {
        var definition = DefinitionLoader.LoadFile(Path.Combine(ValidateCommandTests.Workflows, fileName), Departments).Definition!;
        var nodes = new DiagramLayout(Departments).Layout(definition.Steps, 0, 0, out var width, out var height);

        void Check(IReadOnlyList<LayoutNode> siblings, double left, double top, double right, double bottom)
        {
            foreach (var n in siblings)
            {
                Assert.That(n.X >= left - 0.01 && n.Y >= top - 0.01 && n.X + n.Width <= right + 0.01 && n.Bottom <= bottom + 0.01, $"{n.Step.Id} leaves its parent");
                Check(n.Children, n.X, n.Y, n.X + n.Width, n.Bottom);
            }

            for (var i = 0; i < siblings.Count; i++)
            {
                for (var j = i + 1; j < siblings.Count; j++)
                {
                    var (a, b) = (siblings[i], siblings[j]);
                    var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Bottom && b.Y < a.Bottom;
                    Assert.That(overlap, Is.False, $"{a.Step.Id} overlaps {b.Step.Id}");
                }
            }
        }

        Check(nodes, 0, 0, width, height);
        Assert.That(StepWalk.All(definition.Steps).Count(), Is.EqualTo(StepIds(definition.Steps).Count));
    }

    [Test]
    public void An_invalid_definition_is_not_drawn()
    {
        var (exit, output, error) = Diagram(Path.Combine(ValidateCommandTests.Fixtures, "broken", "broken-bundle.json"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("APV024"));
    }
}
