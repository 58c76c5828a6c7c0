using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Newtonsoft.Json.Linq;
using static Approval.Definitions.Elsa.ElsaFormat;

namespace Approval.Definitions.Elsa;

/// <summary>
/// Recovers the block structure of a flowchart: a chain of activities is a sequence, a FlowFork
/// (or several connections out of one port) up to the node where its branches meet is a
/// parallel step, a FlowDecision/FlowSwitch up to its merge point is a decision. Each step JSON
/// carries the activity it came from (as an annotation) so later validation errors can name it.
/// </summary>
internal sealed partial class ElsaFlowReader(ElsaProblemList problems)
{
    /// <summary>Stands for "the flow ends here": an Elsa.End, or an activity with nothing after it.</summary>
    private const string Finish = "\u0000finish";

    private readonly HashSet<ElsaActivity> _visited = [];

    /// <summary>Where a step of the produced definition came from.</summary>
    public sealed record Origin(ElsaActivity Activity);

    /// <summary>Reads a flowchart container into steps, reporting activities it never reaches.</summary>
    public List<JObject> ReadFlowchart(JObject container, string path, bool isRoot)
    {
        var graph = ElsaGraph.Read(container, path, problems);
        if (graph.Activities.Count == 0)
        {
            return [];
        }

        var start = FindStart(graph, container, isRoot);
        if (start is null)
        {
            return [];
        }

        graph.BreakLoops(start, problems);
        var steps = Chain(graph, start, Finish);
        foreach (var activity in graph.Activities.Where(a => !_visited.Contains(a)))
        {
            problems.Add(ElsaProblemCodes.Unreachable, activity,
                $"Activity '{activity.Id}' is not reached from the start of its flowchart; connect it or delete it (it would be dropped).");
        }

        return steps;
    }

    private string? FindStart(ElsaGraph graph, JObject container, bool isRoot)
    {
        if ((string?)container["start"] is { } declared && graph.ById.ContainsKey(declared))
        {
            return declared;
        }

        var start = graph.Activities.FirstOrDefault(a => a.Type == Start)
            ?? graph.Activities.FirstOrDefault(a => a.Custom("canStartWorkflow") is { Type: JTokenType.Boolean } c && (bool)c && graph.Incoming(a.Id).Count == 0);
        if (start is not null)
        {
            return start.Id;
        }

        var roots = graph.Activities.Where(a => graph.Incoming(a.Id).Count == 0).ToList();
        if (roots.Count == 1)
        {
            return roots[0].Id;
        }

        problems.Add(ElsaProblemCodes.NoStart, graph.Path, null, isRoot ? Flowchart : null,
            roots.Count == 0
                ? "The flowchart has no Elsa.Start and every activity has an inbound connection, so it has no first activity."
                : $"The flowchart has no Elsa.Start and {roots.Count} activities without inbound connections ({string.Join(", ", roots.Select(r => r.Id))}); add an Elsa.Start before the first one.");
        return null;
    }

    /// <summary>The steps from <paramref name="from"/> up to (not including) <paramref name="stop"/>.</summary>
    private List<JObject> Chain(ElsaGraph graph, string from, string stop)
    {
        var steps = new List<JObject>();
        var current = from;
        while (current != stop)
        {
            if (current == Finish)
            {
                return steps;
            }

            var activity = graph.ById[current];
            if (activity.Type == End)
            {
                _visited.Add(activity);
                if (stop != Finish)
                {
                    problems.Add(ElsaProblemCodes.Unstructured, activity, $"The flow ends at '{activity.Id}' inside a block whose branches must meet again at '{stop}'.");
                }

                return steps;
            }

            if (!_visited.Add(activity))
            {
                problems.Add(ElsaProblemCodes.Unstructured, activity,
                    $"Activity '{activity.Id}' is reached by two paths that are not the branches of one fork or decision; the definition language needs every split to meet again in one place.");
                return steps;
            }

            current = Node(graph, activity, stop, steps);
        }

        return steps;
    }

    /// <summary>Reads one activity (and the block it opens) into <paramref name="steps"/>; returns the node after it.</summary>
    private string Node(ElsaGraph graph, ElsaActivity activity, string stop, List<JObject> steps)
    {
        switch (activity.Type)
        {
            case Start:
                return Next(graph, activity, stop, steps);
            case RunTask or UserTask:
                steps.Add(ElsaSteps.Task(activity, null, problems));
                return Next(graph, activity, stop, steps);
            case FlowJoin:
                // A join reached by one path only waits for nothing: it passes through.
                return Next(graph, activity, stop, steps);
            case FlowFork:
                {
                    var ports = Ports(activity);
                    var arms = graph.Outgoing(activity.Id)
                        .OrderBy(c => ports.IndexOf(c.SourcePort) is var i && i < 0 ? int.MaxValue : i)
                        .Select(c => (c.SourcePort, c.Target)).ToList();
                    return Parallel(graph, activity, arms, stop, steps);
                }

            case FlowDecision or FlowSwitch:
                return Decision(graph, activity, stop, steps);
            case Flowchart:
                {
                    var inner = ReadFlowchart(activity.Json, activity.Path, isRoot: false);
                    steps.Add(ElsaSteps.Sequence(activity, inner, problems));
                    return Next(graph, activity, stop, steps);
                }

            case Fork:
                steps.Add(StructuredFork(activity));
                return Next(graph, activity, stop, steps);
            case Delay or TimerType:
                problems.Add(ElsaProblemCodes.UnsupportedActivity, activity,
                    $"A {activity.Type} on its own has no counterpart: a wait is a time limit only when it races one task into a FlowJoin in WaitAny mode.");
                return Next(graph, activity, stop, steps);
            default:
                problems.Add(ElsaProblemCodes.UnsupportedActivity, activity,
                    $"Activity type '{activity.Type}' has no counterpart in the definition language (mapped: RunTask, UserTask, FlowFork, FlowJoin, FlowDecision, FlowSwitch, Fork, nested Flowchart, Start, End; Delay/Timer racing a task).");
                return Next(graph, activity, stop, steps);
        }
    }

    /// <summary>The node after a plain activity; several connections out of it make a parallel block.</summary>
    private string Next(ElsaGraph graph, ElsaActivity activity, string stop, List<JObject> steps)
    {
        var outgoing = graph.Outgoing(activity.Id);
        return outgoing.Count switch
        {
            0 => Finish,
            1 => outgoing[0].Target,
            _ => Parallel(graph, null, [.. outgoing.Select((c, i) => ($"{activity.Id}-{i + 1}", c.Target))], stop, steps, activity),
        };
    }

    private string Parallel(ElsaGraph graph, ElsaActivity? fork, List<(string Port, string Target)> arms, string stop, List<JObject> steps, ElsaActivity? fanOut = null)
    {
        var owner = fork ?? fanOut!;
        if (arms.Count == 0)
        {
            problems.Add(ElsaProblemCodes.Unstructured, owner, $"Fork '{owner.Id}' has no outgoing connections.");
            return Finish;
        }

        var merge = Merge(graph, [.. arms.Select(a => a.Target)]);
        if (merge == Finish && stop != Finish)
        {
            problems.Add(ElsaProblemCodes.Unstructured, owner, $"The branches out of '{owner.Id}' never meet again before '{stop}'; end them in one FlowJoin.");
        }

        var join = merge != Finish && graph.ById[merge].Type == FlowJoin ? graph.ById[merge] : null;
        if (join is not null)
        {
            _visited.Add(join);
        }

        if (arms.Count == 2 && join is not null && TryBoundedTask(graph, arms, join) is { } bounded)
        {
            steps.Add(bounded);
            return Next(graph, join, stop, steps);
        }

        var branches = new List<JObject>();
        foreach (var (port, target) in arms)
        {
            var chain = Chain(graph, target, merge);
            if (chain.Count == 1)
            {
                branches.Add(chain[0]);
            }
            else if (chain.Count > 1)
            {
                branches.Add(ElsaSteps.ChainSequence(owner, port, chain));
            }
        }

        steps.Add(ElsaSteps.Parallel(fork, owner, join, branches, problems));
        return join is null ? merge : Next(graph, join, stop, steps);
    }

    /// <summary>The docs' deadline pattern: a task and a Delay/Timer racing into a WaitAny join is the task with a time limit.</summary>
    private JObject? TryBoundedTask(ElsaGraph graph, List<(string Port, string Target)> arms, ElsaActivity join)
    {
        if (!string.Equals(ElsaSteps.JoinMode(join), WaitAny, StringComparison.Ordinal))
        {
            return null;
        }

        var nodes = arms.Select(a => graph.ById.GetValueOrDefault(a.Target)).ToList();
        var timer = nodes.FirstOrDefault(n => n?.Type is Delay or TimerType);
        var task = nodes.FirstOrDefault(n => n?.Type is RunTask or UserTask);
        if (timer is null || task is null
            || graph.Outgoing(timer.Id) is not [{ } t] || t.Target != join.Id
            || graph.Outgoing(task.Id) is not [{ } k] || k.Target != join.Id)
        {
            return null;
        }

        _visited.Add(timer);
        _visited.Add(task);
        return ElsaSteps.Task(task, TimeLimit(timer), problems);
    }

    private JObject? TimeLimit(ElsaActivity timer)
    {
        var name = timer.Type == Delay ? "timeSpan" : "interval";
        var text = timer.Input(name);
        TimeSpan span = default;
        var parsed = text is not null && (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out span) || TryIso(text, out span));
        if (parsed && span > TimeSpan.Zero && span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            // Elsa counts calendar time; the limit here is in working days on the service centre's calendar (see docs/elsa.md).
            return new JObject { ["workingDays"] = (int)span.TotalDays };
        }

        if (parsed && span > TimeSpan.Zero && span < TimeSpan.FromDays(1) && span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return new JObject { ["hours"] = (int)span.TotalHours };
        }

        problems.Add(ElsaProblemCodes.UnsupportedValue, timer,
            $"The {timer.Type} '{name}' is {(text is null ? "not a literal" : $"'{text}'")}; a time limit is whole days (working days) or, under a day, whole hours.", $"{timer.Path}.{name}");
        return null;
    }

    private static bool TryIso(string text, out TimeSpan span)
    {
        try
        {
            span = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            span = default;
            return false;
        }
    }

    private string Decision(ElsaGraph graph, ElsaActivity activity, string stop, List<JObject> steps)
    {
        var outgoing = graph.Outgoing(activity.Id);
        var arms = new List<(string Port, string? When, string Target)>();
        if (activity.Type == FlowDecision)
        {
            var condition = ElsaSteps.Condition(activity, activity.Json["condition"], $"{activity.Path}.condition", problems);
            arms.Add((PortTrue, condition ?? "true", Target(PortTrue)));
            arms.Add((PortFalse, null, Target(PortFalse)));
        }
        else
        {
            if (activity.Input("mode") is { } mode && mode != "MatchFirst")
            {
                problems.Add(ElsaProblemCodes.UnsupportedValue, activity, $"FlowSwitch mode '{mode}' has no counterpart: a decision runs the first branch whose condition holds (MatchFirst).", $"{activity.Path}.mode");
            }

            var (cases, casesPath) = ElsaGraph.Items(activity.Json, "cases", activity.Path);
            for (var i = 0; cases is not null && i < cases.Count; i++)
            {
                var label = (string?)cases[i]["label"] ?? $"case {i + 1}";
                var condition = ElsaSteps.Condition(activity, cases[i]["condition"], $"{casesPath}[{i}].condition", problems);
                arms.Add((label, condition ?? "true", Target(label)));
            }

            arms.Add((PortDefault, null, Target(PortDefault)));
        }

        foreach (var connection in outgoing.Where(c => arms.All(a => a.Port != c.SourcePort)))
        {
            problems.Add(ElsaProblemCodes.BadConnection, connection.Path, activity.Id, activity.Type,
                $"'{activity.Id}' has no outcome '{connection.SourcePort}' (its outcomes are {string.Join(", ", arms.Select(a => a.Port))}).");
        }

        var merge = Merge(graph, [.. arms.Select(a => a.Target)]);
        if (merge == Finish && stop != Finish && arms.Any(a => a.Target != Finish))
        {
            problems.Add(ElsaProblemCodes.Unstructured, activity, $"The outcomes of '{activity.Id}' never meet again before '{stop}'; connect every outcome's last activity to the same next activity.");
        }

        var branches = new List<(string Port, string? When, List<JObject> Steps)>();
        foreach (var (port, when, target) in arms)
        {
            var chain = target == merge ? [] : Chain(graph, target, merge);
            if (chain.Count == 0 && when is not null && activity.Type == FlowSwitch)
            {
                problems.Add(ElsaProblemCodes.Unstructured, activity, $"Case '{port}' of '{activity.Id}' has no activity; a decision branch must do something (remove the case).");
            }

            branches.Add((port, when, chain));
        }

        if (ElsaSteps.Guarded(activity, branches) is { } guarded)
        {
            steps.Add(guarded);
        }
        else
        {
            steps.Add(ElsaSteps.Decision(activity, branches, problems));
        }

        return merge;

        string Target(string port) => outgoing.FirstOrDefault(c => c.SourcePort == port)?.Target ?? Finish;
    }

    private JObject StructuredFork(ElsaActivity activity)
    {
        var (array, path) = ElsaGraph.Items(activity.Json, "branches", activity.Path);
        var branches = new List<JObject>();
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            if (array[i] is not JObject json || json["type"]?.Type != JTokenType.String)
            {
                problems.Add(ElsaProblemCodes.UnsupportedActivity, $"{path}[{i}]", activity.Id, activity.Type, "A Fork branch must be an activity.");
                continue;
            }

            var type = ElsaGraph.NormaliseType((string)json["type"]!);
            var branch = new ElsaActivity((string?)json["id"] ?? $"{activity.Id}-{i + 1}", type, json, $"{path}[{i}]");
            _visited.Add(branch);
            switch (type)
            {
                case RunTask or UserTask:
                    branches.Add(ElsaSteps.Task(branch, null, problems));
                    break;
                case Flowchart:
                    branches.Add(ElsaSteps.Sequence(branch, ReadFlowchart(json, branch.Path, isRoot: false), problems));
                    break;
                default:
                    problems.Add(ElsaProblemCodes.UnsupportedActivity, branch, $"A Fork branch of type '{type}' has no counterpart; use a RunTask, a UserTask or a Flowchart.");
                    break;
            }
        }

        var mode = activity.Input("joinMode") ?? WaitAll;
        return ElsaSteps.StructuredParallel(activity, mode, branches, problems);
    }

    /// <summary>The first node every arm reaches (breadth first from the first arm); <see cref="Finish"/> when they meet only at the end.</summary>
    private static string Merge(ElsaGraph graph, IReadOnlyList<string> targets)
    {
        var reach = targets.Select(t => Reach(graph, t).ToHashSet(StringComparer.Ordinal)).ToList();
        return Reach(graph, targets[0]).FirstOrDefault(n => reach.All(r => r.Contains(n))) ?? Finish;
    }

    private static IEnumerable<string> Reach(ElsaGraph graph, string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([from]);
        var finishes = false;
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (id == Finish || graph.ById[id].Type == End || graph.Outgoing(id).Count == 0)
            {
                finishes = true;
                if (id == Finish || graph.ById[id].Type == End)
                {
                    continue;
                }
            }

            if (!seen.Add(id))
            {
                continue;
            }

            yield return id;
            foreach (var connection in graph.Outgoing(id))
            {
                queue.Enqueue(connection.Target);
            }
        }

        if (finishes)
        {
            yield return Finish;
        }
    }

    private static List<string> Ports(ElsaActivity fork)
    {
        var value = fork.Input("branches");
        if (value is null)
        {
            return [];
        }

        try
        {
            return JArray.Parse(value).Select(t => (string?)t ?? "").ToList();
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return [.. Separators().Split(value).Where(s => s.Length > 0)];
        }
    }

    [GeneratedRegex("[,;\\s]+")]
    private static partial Regex Separators();
}
