using System.Globalization;
using System.Xml.Linq;
using Approval.Definitions.Departments;
using Approval.Definitions.Model;

namespace Approval.Definitions.Diagrams;

/// <summary>
/// Draws a definition as SVG from its <see cref="DiagramLayout"/>. Every step is one
/// <c>&lt;g id="step-{id}"&gt;</c> (nested blocks contain their children's groups), so tools and
/// tests can find each step; the document is built with <see cref="XElement"/>, so names with
/// Chinese, ampersands or quotes are always escaped correctly.
/// </summary>
public static class SvgWriter
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Margin = 24, TitleHeight = 44;

    private const string Style = """
        text { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 13px; fill: #1f2933; }
        .title { font-size: 16px; font-weight: bold; }
        .subtitle, .frame-title, .bar-label, .when { font-size: 11px; fill: #52606d; }
        .when { font-style: italic; }
        .task rect { fill: #e8f1fb; stroke: #2f6fb3; stroke-width: 1.2; }
        .task.conditional rect { stroke-dasharray: 5 3; }
        .terminal rect { fill: #eef7ee; stroke: #3f8a47; stroke-width: 1.2; }
        .bar { fill: #323f4b; }
        .frame { fill: none; stroke: #9aa5b1; stroke-dasharray: 4 3; }
        .diamond { fill: #fff6e0; stroke: #c08a1e; stroke-width: 1.2; }
        .edge { fill: none; stroke: #52606d; stroke-width: 1.2; }
        .edge.arrow { marker-end: url(#arrow); }
        """;

    /// <summary>What each step state looks like, added only when states are given (so the plain drawing stays as it was).</summary>
    private const string StateStyle = """
        .state-done > rect, .state-done > polygon { fill: #d3f0d5; stroke: #2f8a3a; }
        .state-active > rect { fill: #dcecff; stroke: #1d64c2; stroke-width: 2.4; }
        .state-yellow > rect { fill: #fff1b8; stroke: #c89600; stroke-width: 2.4; }
        .state-red > rect { fill: #ffd6d6; stroke: #c62828; stroke-width: 2.4; }
        .state-rejected > rect { fill: #f4c7c7; stroke: #8e1c1c; }
        .state-skipped > rect, .state-cancelled > rect { fill: #eceff1; stroke: #9aa5b1; stroke-dasharray: 3 3; }
        .state-skipped text, .state-cancelled text { fill: #7b8794; }
        """;

    /// <summary>The whole SVG document as text.</summary>
    public static string Write(WorkflowDefinition definition, DepartmentRegistry departments) => Write(definition, departments, null);

    /// <summary>
    /// The SVG document with each step of <paramref name="states"/> (step id → <c>done</c>, <c>active</c>,
    /// <c>yellow</c>, <c>red</c>, <c>rejected</c>, <c>skipped</c> or <c>cancelled</c>) coloured by its state:
    /// its group gets the class <c>state-{state}</c>. Without states, the plain drawing.
    /// </summary>
    public static string Write(WorkflowDefinition definition, DepartmentRegistry departments, IReadOnlyDictionary<string, string>? states)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var layout = new DiagramLayout(departments);
        var nodes = layout.Layout(definition.Steps, Margin, Margin + TitleHeight, out var width, out var height);
        var title = definition.TimeLimit is { } limit ? $"{definition.Name} ({definition.Id}) · 承诺时限 {limit}" : $"{definition.Name} ({definition.Id})";
        width = Math.Max(width, Math.Max(TextMetrics.Width(title, 16), TextMetrics.Width(definition.Description ?? "", 11))) + 2 * Margin;
        height += 2 * Margin + TitleHeight;

        var flow = new XElement(Svg + "g", new XAttribute("class", "flow"));
        AddColumn(flow, nodes, states);
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", N(width)), new XAttribute("height", N(height)), new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XElement(Svg + "title", title),
            new XElement(Svg + "defs",
                new XElement(Svg + "marker", new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "9"), new XAttribute("refY", "5"),
                    new XAttribute("markerWidth", "7"), new XAttribute("markerHeight", "7"), new XAttribute("orient", "auto-start-reverse"),
                    new XElement(Svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", "#52606d"))),
                new XElement(Svg + "style", states is null ? Style : Style + StateStyle)),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")),
            Text(Margin, Margin + 14, title, "title"),
            Text(Margin, Margin + 32, definition.Description ?? "", "subtitle"),
            flow);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + Environment.NewLine + svg;
    }

    private static void AddColumn(XElement parent, IReadOnlyList<LayoutNode> nodes, IReadOnlyDictionary<string, string>? states)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            parent.Add(Step(nodes[i], states));
            if (i + 1 < nodes.Count) parent.Add(Line(nodes[i].CenterX, nodes[i].Bottom, nodes[i + 1].CenterX, nodes[i + 1].Y, arrow: true));
        }
    }

    private static XElement Step(LayoutNode node, IReadOnlyDictionary<string, string>? states)
    {
        var step = node.Step;
        var group = new XElement(Svg + "g", new XAttribute("id", $"step-{step.Id}"), new XAttribute("class", $"step {StepTree.Kind(step)}{(step.When is null ? "" : " conditional")}"),
            new XElement(Svg + "title", $"{StepTree.Kind(step)} {step.Id}"));
        switch (step)
        {
            case TaskStepDefinition:
                group.Add(Rect(node.X, node.Y, node.Width, node.Height, 4));
                for (var i = 0; i < node.Lines.Count; i++)
                {
                    var cls = i == 0 ? "name" : node.Lines[i].StartsWith("when ", StringComparison.Ordinal) ? "when" : "detail";
                    group.Add(Text(node.CenterX, node.Y + DiagramLayout.BoxPad + DiagramLayout.LineHeight * (i + 0.6), node.Lines[i], cls, middle: true, bold: i == 0));
                }

                break;
            case IntakeStepDefinition or DeliveryStepDefinition:
                group.SetAttributeValue("class", $"step terminal {StepTree.Kind(step)}");
                group.Add(Rect(node.X, node.Y, node.Width, node.Height, node.Height / 2));
                group.Add(Text(node.CenterX, node.Y + node.Height / 2 + 4.5, node.Lines[0], "name", middle: true, bold: true));
                break;
            case ParallelStepDefinition parallel:
                AddParallel(group, node, parallel, states);
                break;
            case DecisionStepDefinition decision:
                AddDecision(group, node, decision, states);
                break;
            case SequenceStepDefinition:
                group.Add(new XElement(Svg + "rect", new XAttribute("class", "frame"), new XAttribute("x", N(node.X)), new XAttribute("y", N(node.Y)),
                    new XAttribute("width", N(node.Width)), new XAttribute("height", N(node.Height)), new XAttribute("rx", "6")));
                group.Add(Text(node.X + 8, node.Y + 15, node.Lines.Count > 0 ? node.Lines[0] : step.Name, "frame-title"));
                AddColumn(group, node.Children, states);
                break;
        }

        if (states is not null && states.TryGetValue(step.Id, out var state))
        {
            group.SetAttributeValue("class", $"{group.Attribute("class")!.Value} state-{state}");
            group.SetAttributeValue("data-state", state);
        }

        return group;
    }

    private static void AddParallel(XElement group, LayoutNode node, ParallelStepDefinition parallel, IReadOnlyDictionary<string, string>? states)
    {
        var branches = node.Children;
        var barLeft = Math.Min(branches[0].CenterX, node.CenterX) - 10;
        var barRight = Math.Max(branches[^1].CenterX, node.CenterX) + 10;
        var forkY = node.Y + DiagramLayout.ForkHeight - 5;
        var joinY = node.Bottom - DiagramLayout.JoinHeight + 2;
        group.Add(Text(node.CenterX, forkY - 6, DiagramLayout.ForkLabel(parallel), "bar-label", middle: true));
        group.Add(Bar(barLeft, forkY, barRight - barLeft));
        foreach (var branch in branches)
        {
            group.Add(Line(branch.CenterX, forkY + 5, branch.CenterX, branch.Y, arrow: true));
            group.Add(Step(branch, states));
            group.Add(Line(branch.CenterX, branch.Bottom, branch.CenterX, joinY, arrow: false));
        }

        group.Add(Bar(barLeft, joinY, barRight - barLeft));
        group.Add(Text(node.CenterX, joinY + 20, DiagramLayout.JoinLabel(parallel), "bar-label", middle: true));
    }

    private static void AddDecision(XElement group, LayoutNode node, DecisionStepDefinition decision, IReadOnlyDictionary<string, string>? states)
    {
        var w = DiagramLayout.DiamondWidth(decision);
        var h = DiagramLayout.DiamondHeight;
        var cx = node.CenterX;
        var top = node.Y;
        group.Add(new XElement(Svg + "polygon", new XAttribute("class", "diamond"),
            new XAttribute("points", $"{N(cx)},{N(top)} {N(cx + w / 2)},{N(top + h / 2)} {N(cx)},{N(top + h)} {N(cx - w / 2)},{N(top + h / 2)}")));
        var label = decision.When is { } when ? $"{decision.Name} (when {when.Source})" : decision.Name;
        group.Add(Text(cx, top + h / 2 + 4.5, label, "name", middle: true, bold: true));

        var mergeTop = node.Bottom - DiagramLayout.MergeHeight;
        var mergeMid = mergeTop + DiagramLayout.MergeHeight / 2;
        var splitY = top + h + DiagramLayout.Gap / 3;
        var gatherY = mergeTop - DiagramLayout.Gap / 4;
        group.Add(Line(cx, top + h, cx, splitY, arrow: false));
        foreach (var branch in node.Children)
        {
            group.Add(Path($"M {N(cx)} {N(splitY)} H {N(branch.CenterX)} V {N(branch.Y)}", arrow: true));
            group.Add(Step(branch, states));
            group.Add(Path($"M {N(branch.CenterX)} {N(branch.Bottom)} V {N(gatherY)} H {N(cx)}", arrow: false));
        }

        group.Add(Line(cx, gatherY, cx, mergeTop, arrow: false));
        var m = DiagramLayout.MergeHeight / 2;
        group.Add(new XElement(Svg + "polygon", new XAttribute("class", "diamond"),
            new XAttribute("points", $"{N(cx)},{N(mergeTop)} {N(cx + m)},{N(mergeMid)} {N(cx)},{N(mergeTop + 2 * m)} {N(cx - m)},{N(mergeMid)}")));
    }

    private static XElement Rect(double x, double y, double width, double height, double radius) =>
        new(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(width)), new XAttribute("height", N(height)), new XAttribute("rx", N(radius)));

    private static XElement Bar(double x, double y, double width) =>
        new(Svg + "rect", new XAttribute("class", "bar"), new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(width)), new XAttribute("height", "5"));

    private static XElement Line(double x1, double y1, double x2, double y2, bool arrow) =>
        Path($"M {N(x1)} {N(y1)} L {N(x2)} {N(y2)}", arrow);

    private static XElement Path(string d, bool arrow) =>
        new(Svg + "path", new XAttribute("class", arrow ? "edge arrow" : "edge"), new XAttribute("d", d));

    private static XElement Text(double x, double y, string text, string cls, bool middle = false, bool bold = false)
    {
        var element = new XElement(Svg + "text", new XAttribute("class", cls), new XAttribute("x", N(x)), new XAttribute("y", N(y)), text);
        if (middle) element.Add(new XAttribute("text-anchor", "middle"));
        if (bold) element.Add(new XAttribute("font-weight", "bold"));
        return element;
    }

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
