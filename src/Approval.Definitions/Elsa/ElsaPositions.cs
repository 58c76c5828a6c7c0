using Approval.Definitions.Departments;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Model;

namespace Approval.Definitions.Elsa;

/// <summary>
/// Designer positions for the exported activities, taken from the diagram layout (the one the
/// SVG diagram draws) so Studio shows the same picture instead of piling every node at 0,0 (#5881).
/// </summary>
internal sealed class ElsaPositions
{
    // Studio's nodes are taller than our boxes and its edges need room for port labels.
    private const double Scale = 1.6;
    private readonly Dictionary<string, LayoutNode> _nodes = new(StringComparer.Ordinal);

    public ElsaPositions(WorkflowDefinition definition, DepartmentRegistry departments)
    {
        var top = new DiagramLayout(departments).Layout(definition.Steps, 0, 0, out var width, out var height);
        Width = width;
        Height = height;
        Index(top);
    }

    public double Width { get; }
    public double Height { get; }

    /// <summary>The top-left corner and size of a step's box, relative to (<paramref name="originX"/>, <paramref name="originY"/>).</summary>
    public (double X, double Y, double Width, double Height) Box(string stepId, double originX = 0, double originY = 0) =>
        _nodes.TryGetValue(stepId, out var node)
            ? ((node.X - originX) * Scale, (node.Y - originY) * Scale, node.Width * Scale, node.Height * Scale)
            : (0, 0, 0, 0);

    /// <summary>The box of the step's join bar (the lower edge of the parallel block).</summary>
    public (double X, double Y) JoinBar(string stepId, double originX = 0, double originY = 0) =>
        _nodes.TryGetValue(stepId, out var node)
            ? ((node.CenterX - originX) * Scale - 60, (node.Bottom - DiagramLayout.JoinHeight - originY) * Scale)
            : (0, 0);

    /// <summary>Where a step's own box starts, for nested flowcharts whose children are placed relative to it.</summary>
    public (double X, double Y) Origin(string stepId) =>
        _nodes.TryGetValue(stepId, out var node) ? (node.X, node.Y) : (0, 0);

    public static double Scaled(double value) => value * Scale;

    private void Index(IEnumerable<LayoutNode> nodes)
    {
        foreach (var node in nodes)
        {
            _nodes[node.Step.Id] = node;
            Index(node.Children);
        }
    }
}
