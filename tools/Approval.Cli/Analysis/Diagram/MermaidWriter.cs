using System.Text;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Departments;
using Approval.Definitions.Model;

namespace Approval.Cli.Analysis.Diagram;

/// <summary>
/// Writes a definition as a Mermaid flowchart (for wikis and merge requests that render Mermaid):
/// tasks as boxes, a parallel block as fork and join nodes, a decision as a diamond with labelled
/// edges, sequences as subgraphs. Node ids are the step ids made Mermaid-safe.
/// </summary>
internal sealed class MermaidWriter(DepartmentRegistry departments)
{
    private readonly StringBuilder _text = new();

    public static string Write(WorkflowDefinition definition, DepartmentRegistry departments) =>
        new MermaidWriter(departments).Flow(definition);

    private string Flow(WorkflowDefinition definition)
    {
        _text.AppendLine("flowchart TD");
        _text.AppendLine($"  %% {definition.Id} {definition.Name}{(definition.TimeLimit is { } l ? $" · 承诺时限 {l}" : "")}");
        Column(definition.Steps, "  ");
        _text.AppendLine("  classDef conditional stroke-dasharray: 5 3");
        return _text.ToString();
    }

    /// <summary>Writes a column of steps and the edges between them; returns its entry and exit node ids.</summary>
    private (string Entry, string Exit) Column(IReadOnlyList<StepDefinition> steps, string indent)
    {
        var ends = steps.Select(s => Step(s, indent)).ToList();
        for (var i = 0; i + 1 < ends.Count; i++) _text.AppendLine($"{indent}{ends[i].Exit} --> {ends[i + 1].Entry}");
        return (ends[0].Entry, ends[^1].Exit);
    }

    private (string Entry, string Exit) Step(StepDefinition step, string indent)
    {
        var id = NodeId(step.Id);
        switch (step)
        {
            case TaskStepDefinition task:
                {
                    var department = departments.Find(task.Department)?.Name ?? task.Department;
                    var limit = task.TimeLimit.IsWorkingDays ? $"{task.TimeLimit.Amount} 工作日" : $"{task.TimeLimit.Amount} 小时";
                    var when = task.When is { } w ? $"<br/><i>when {Escape(w.Source)}</i>" : "";
                    _text.AppendLine($"{indent}{id}[\"<b>{Escape(task.Name)}</b><br/>{Escape(department)} · {limit}{when}\"]");
                    if (task.When is not null) _text.AppendLine($"{indent}class {id} conditional");
                    return (id, id);
                }

            case IntakeStepDefinition or DeliveryStepDefinition:
                _text.AppendLine($"{indent}{id}([\"{Escape(step.Name)}\"])");
                return (id, id);

            case ParallelStepDefinition parallel:
                {
                    var fork = $"{id}_fork";
                    var join = $"{id}_join";
                    var label = parallel.When is { } w ? $"{parallel.Name} · when {w.Source}" : parallel.Name;
                    _text.AppendLine($"{indent}{fork}[[\"{Escape(label)}\"]]");
                    // Declared before the branches so Mermaid puts it in this block's subgraph, not a branch's.
                    _text.AppendLine($"{indent}{join}[[\"join {Escape(StepTree.Describe(parallel.Join))}\"]]");
                    foreach (var branch in parallel.Branches)
                    {
                        var (entry, exit) = Step(branch, indent);
                        _text.AppendLine($"{indent}{fork} --> {entry}");
                        _text.AppendLine($"{indent}{exit} --> {join}");
                    }

                    return (fork, join);
                }

            case DecisionStepDefinition decision:
                {
                    var merge = $"{id}_merge";
                    var label = decision.When is { } w ? $"{decision.Name} · when {w.Source}" : decision.Name;
                    _text.AppendLine($"{indent}{id}{{\"{Escape(label)}\"}}");
                    _text.AppendLine($"{indent}{merge}(( ))");
                    foreach (var branch in decision.Branches)
                    {
                        var (entry, exit) = Step(branch, indent);
                        var edge = branch.When is { } bw ? $"when {bw.Source}" : "otherwise";
                        _text.AppendLine($"{indent}{id} -- \"{Escape(edge)}\" --> {entry}");
                        _text.AppendLine($"{indent}{exit} --> {merge}");
                    }

                    return (id, merge);
                }

            case SequenceStepDefinition sequence:
                {
                    var title = sequence.When is { } w && w.Source != sequence.Name ? $"{sequence.Name} · when {w.Source}" : sequence.Name;
                    _text.AppendLine($"{indent}subgraph {id}[\"{Escape(title)}\"]");
                    _text.AppendLine($"{indent}  direction TB");
                    var ends = Column(sequence.Steps, indent + "  ");
                    _text.AppendLine($"{indent}end");
                    return ends;
                }

            default:
                _text.AppendLine($"{indent}{id}[\"{Escape(step.Name)}\"]");
                return (id, id);
        }
    }

    /// <summary>Step ids are kebab-case; Mermaid reads '-' as part of an edge, so it becomes '_'.</summary>
    private static string NodeId(string stepId) => "s_" + stepId.Replace('-', '_');

    /// <summary>Quotes and markup in names become Mermaid entity codes, so a label can never break the chart.</summary>
    private static string Escape(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
