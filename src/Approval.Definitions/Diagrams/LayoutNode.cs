using Approval.Definitions.Model;

namespace Approval.Definitions.Diagrams;

/// <summary>
/// One step's place in the drawing: its bounding box (absolute, after layout) and the nodes of
/// the steps nested in it. The box includes everything the step draws, labels and bars too, so
/// boxes of siblings never overlap.
/// </summary>
internal sealed class LayoutNode
{
    public required StepDefinition Step { get; init; }
    public required IReadOnlyList<LayoutNode> Children { get; init; }

    /// <summary>The text lines of a box (tasks, intake, delivery), first line the name.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    public double X { get; set; }
    public double Y { get; set; }
    public double Width { get; set; }
    public double Height { get; set; }

    public double CenterX => X + Width / 2;
    public double Bottom => Y + Height;
}
