using Approval.Definitions.Departments;
using Approval.Definitions.Model;

namespace Approval.Definitions.Diagrams;

/// <summary>
/// The layered layout of a block-structured flow, computed without a layout engine: a sequence
/// stacks its steps vertically; a parallel block puts its branches side by side between a fork bar
/// and a join bar; a decision puts its branches side by side under a diamond and above a merge
/// point. Every block is centred in the column it gets, so each has one entry point (top centre)
/// and one exit point (bottom centre), and edges are straight or one-elbow lines.
/// </summary>
internal sealed class DiagramLayout(DepartmentRegistry departments)
{
    public const double Gap = 34, BranchGap = 22, Pad = 12, FrameLabel = 22;
    public const double LineHeight = 17, BoxPad = 12, MinTaskWidth = 170, TerminalHeight = 38;
    public const double ForkHeight = 26, JoinHeight = 30, DiamondHeight = 54, MergeHeight = 18;

    /// <summary>Lays out <paramref name="steps"/> as a column whose top-left corner is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public IReadOnlyList<LayoutNode> Layout(IReadOnlyList<StepDefinition> steps, double x, double y, out double width, out double height)
    {
        var nodes = steps.Select(Measure).ToList();
        width = nodes.Count == 0 ? 0 : nodes.Max(n => n.Width);
        height = nodes.Sum(n => n.Height) + Gap * Math.Max(0, nodes.Count - 1);
        PlaceColumn(nodes, x, y, width);
        return nodes;
    }

    private LayoutNode Measure(StepDefinition step)
    {
        switch (step)
        {
            case TaskStepDefinition task:
                {
                    var lines = new List<string> { task.Name, DepartmentLabel(task), LimitLabel(task) };
                    if (task.When is { } when) lines.Add($"when {when.Source}");
                    return Box(step, lines, LineHeight * lines.Count + BoxPad * 1.5);
                }

            case IntakeStepDefinition or DeliveryStepDefinition:
                return Box(step, [step.Name], TerminalHeight);

            case ParallelStepDefinition parallel:
                {
                    var branches = parallel.Branches.Select(Measure).ToList();
                    var row = RowWidth(branches);
                    var label = Math.Max(TextMetrics.Width(ForkLabel(parallel)), TextMetrics.Width(JoinLabel(parallel)));
                    return new LayoutNode
                    {
                        Step = step,
                        Children = branches,
                        Width = Math.Max(row, label + 2 * Pad),
                        Height = ForkHeight + Gap + branches.Max(b => b.Height) + Gap + JoinHeight,
                    };
                }

            case DecisionStepDefinition decision:
                {
                    var branches = decision.Branches.Select(b => MeasureSequence(b, BranchTitle(b))).ToList();
                    return new LayoutNode
                    {
                        Step = step,
                        Children = branches,
                        Width = Math.Max(RowWidth(branches), DiamondWidth(decision)),
                        Height = DiamondHeight + Gap + branches.Max(b => b.Height) + Gap / 2 + MergeHeight,
                    };
                }

            case SequenceStepDefinition sequence:
                return MeasureSequence(sequence, FrameTitle(sequence));

            default:
                return Box(step, [step.Name], TerminalHeight);
        }
    }

    /// <summary>A framed column; <see cref="LayoutNode.Lines"/> holds the frame's title.</summary>
    private LayoutNode MeasureSequence(SequenceStepDefinition sequence, string title)
    {
        var children = sequence.Steps.Select(Measure).ToList();
        var inner = children.Count == 0 ? 0 : children.Max(c => c.Width);
        return new LayoutNode
        {
            Step = sequence,
            Children = children,
            Lines = [title],
            Width = Math.Max(inner, TextMetrics.Width(title, 11)) + 2 * Pad,
            Height = FrameLabel + children.Sum(c => c.Height) + Gap * Math.Max(0, children.Count - 1) + Pad,
        };
    }

    /// <summary>Gives every node its absolute position; children are centred in their parent's column.</summary>
    private static void Place(LayoutNode node, double x, double y)
    {
        node.X = x;
        node.Y = y;
        switch (node.Step)
        {
            case ParallelStepDefinition:
                PlaceRow(node.Children, node, y + ForkHeight + Gap);
                break;
            case DecisionStepDefinition:
                PlaceRow(node.Children, node, y + DiamondHeight + Gap);
                break;
            case SequenceStepDefinition:
                PlaceColumn(node.Children, x + Pad, y + FrameLabel, node.Width - 2 * Pad);
                break;
        }
    }

    private static void PlaceColumn(IReadOnlyList<LayoutNode> nodes, double x, double y, double width)
    {
        foreach (var node in nodes)
        {
            Place(node, x + (width - node.Width) / 2, y);
            y += node.Height + Gap;
        }
    }

    private static void PlaceRow(IReadOnlyList<LayoutNode> nodes, LayoutNode parent, double y)
    {
        var x = parent.X + (parent.Width - RowWidth(nodes)) / 2;
        foreach (var node in nodes)
        {
            Place(node, x, y);
            x += node.Width + BranchGap;
        }
    }

    private static double RowWidth(IReadOnlyList<LayoutNode> nodes) => nodes.Sum(n => n.Width) + BranchGap * Math.Max(0, nodes.Count - 1);

    private static LayoutNode Box(StepDefinition step, IReadOnlyList<string> lines, double height) => new()
    {
        Step = step,
        Children = [],
        Lines = lines,
        Width = Math.Max(step is TaskStepDefinition ? MinTaskWidth : 120, lines.Max(l => TextMetrics.Width(l)) + 2 * BoxPad),
        Height = height,
    };

    private string DepartmentLabel(TaskStepDefinition task)
    {
        var name = departments.Find(task.Department)?.Name;
        var who = name is null ? task.Department : $"{name} ({task.Department})";
        return task.Role is { } role ? $"{who}, {role}" : who;
    }

    private static string LimitLabel(TaskStepDefinition task)
    {
        var limit = task.TimeLimit.IsWorkingDays ? $"限时 {task.TimeLimit.Amount} 工作日" : $"限时 {task.TimeLimit.Amount} 小时";
        return task.OnOverdue == OverdueAction.Approve ? $"{limit} · 超时默许" : limit;
    }

    public static string ForkLabel(ParallelStepDefinition parallel) =>
        parallel.When is { } when ? $"{parallel.Name} (when {when.Source})" : parallel.Name;

    public static string JoinLabel(ParallelStepDefinition parallel) => $"join {StepTree.Describe(parallel.Join)}";

    public static string FrameTitle(SequenceStepDefinition sequence) =>
        sequence.When is { } when ? $"{sequence.Name} · when {when.Source}" : sequence.Name;

    /// <summary>A decision branch reads as its condition; the otherwise branch as "otherwise".</summary>
    public static string BranchTitle(SequenceStepDefinition branch) =>
        branch.When is { } when
            ? (branch.Name == when.Source ? $"when {when.Source}" : $"when {when.Source} · {branch.Name}")
            : branch.Name;

    public static double DiamondWidth(DecisionStepDefinition decision) => Math.Max(120, TextMetrics.Width(decision.When is { } w ? $"{decision.Name} (when {w.Source})" : decision.Name) + 60);
}
