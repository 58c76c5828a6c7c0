using System.Collections.Immutable;
using System.Text.Json;
using Approval.Calendar;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>
/// A dry run of a definition on the real engine and calendar: starts a case with the given data
/// and feeds <see cref="CaseDecider.Decide"/> the script's commands and, for every task the script
/// does not close, an approval exactly at its due — the latest moment that still meets its limit —
/// on a scripted clock that jumps from one instant to the next.
/// </summary>
/// <remarks>
/// Nothing here decides the flow or a deadline: which steps run or are skipped, when each task
/// opens and falls due, how a stop moves a due, which branches a join cancels and the case's
/// promised due all come from the decided states; the cards from <see cref="DeadlineSchedule"/>.
/// What is the simulator's own is the script's order, the reasons it prints and the critical
/// path (the chain of approvals that opened each task). Pure apart from the calendar's record of
/// missing years: no clock, files or network.
/// </remarks>
internal sealed class Simulator(WorkflowDefinition definition, WorkingCalendar calendar, IReadOnlyDictionary<string, JsonElement> data, IReadOnlyList<ClockStop> stops, IReadOnlyList<ScriptedAction>? actions = null)
{
    private static readonly Actor Window = new("simulator@window", "模拟窗口", [ClerkRoles.WindowClerk], "window");

    private readonly List<SimulatedStep> _rows = [];

    /// <summary>What the run learnt of each task (by step id) beyond its final state.</summary>
    private readonly Dictionary<string, TaskRun> _runs = new(StringComparer.Ordinal);

    private sealed class TaskRun(ImmutableList<string> chain, Deadline firstDue)
    {
        public ImmutableList<string> Chain { get; } = chain;
        public Deadline FirstDue { get; } = firstDue;
        public List<ClockStop> Stops { get; } = [];
        public DateTimeOffset? StoppedAt { get; set; }
        public List<string> Notes { get; } = [];
    }

    /// <summary>Runs the flow from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentException">A stop or action names a task that is not in the definition, or the engine refuses the intake.</exception>
    public SimulationResult Run(DateTimeOffset start)
    {
        var taskIds = StepWalk.All(definition.Steps).OfType<TaskStepDefinition>().Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stop in stops.Where(s => !taskIds.Contains(s.TaskId)))
        {
            throw new ArgumentException($"--stop names '{stop.TaskId}', which is not a task of {definition.Id}; its tasks are: {string.Join(", ", taskIds.Order(StringComparer.Ordinal))}.");
        }

        foreach (var action in (actions ?? []).Where(a => !taskIds.Contains(a.TaskId)))
        {
            throw new ArgumentException($"--act names '{action.TaskId}', which is not a task of {definition.Id}; its tasks are: {string.Join(", ", taskIds.Order(StringComparer.Ordinal))}.");
        }

        _rows.Clear();
        _runs.Clear();
        var (state, end, path) = Drive(start);
        Walk(definition.Steps, state, start, 0, null);
        return new SimulationResult(definition, start, [.. _rows], end, state.Due, path, [.. calendar.MissingYearsUsed]);
    }

    /// <summary>Feeds the engine until no task is open: the script's lines at their instants, else the earliest due's approval.</summary>
    private (CaseState State, DateTimeOffset End, IReadOnlyList<string> Path) Drive(DateTimeOffset start)
    {
        var materials = definition.Materials.Where(m => m.Required).Select(m => new MaterialInput(m.Id, true, null)).ToList();
        var empty = new CaseState();
        var intake = CaseDecider.Decide(empty, new StartCase(Guid.NewGuid(), data, null, materials), Context(start, Window));
        if (intake.Refusal is { } refused)
        {
            throw new ArgumentException($"intake refuses the case: {refused.Message}");
        }

        var state = intake.State;
        Opened(empty, state, [], start);
        var script = new List<ScriptedAction>([.. Merge(stops).SelectMany(ScriptedAction.Of), .. actions ?? []]);
        script.Sort((a, b) => a.At.CompareTo(b.At));
        var end = start;
        var clock = start;
        ImmutableList<string> path = [];
        var order = StepWalk.All(definition.Steps).Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        while (true)
        {
            // A task waiting for opinions (征求意见) is approved once they are in, however late that is.
            var due = state.Tasks
                .Where(t => t.Status.IsOpen() && !t.IsClockStopped && !state.ConsultationsOf(t.TaskId).Any(c => c.Status.IsOpen()))
                .OrderBy(t => t.Due.At).ThenBy(t => order[t.StepId]).ThenBy(t => t.Kind).FirstOrDefault();
            var line = script.FirstOrDefault(a => due is null || a.At <= Later(due.Due.At, clock));
            if (line is null && due is null)
            {
                // Nothing left to do: a clock the script stopped and never restarted would wait for ever.
                if (state.Tasks.FirstOrDefault(t => t.Status.IsOpen()) is { } waiting)
                {
                    throw new ArgumentException($"the script leaves {waiting.StepId}'s clock stopped ({string.Join(", ", waiting.Stops).ToLowerInvariant()}) and nothing restarts it, so the flow never ends; add the --act that ends the stop.");
                }

                break;
            }

            var (task, at, command) = line is null ? AtDue(due!, clock) : Resolve(line, state);
            if (line is not null)
            {
                script.Remove(line);
            }

            if (task is null)
            {
                continue;
            }

            var before = state;
            var decision = CaseDecider.Decide(state, command, Context(at, Clerk(task.Department)));
            if (decision.Refusal is { } refusal)
            {
                _runs[task.StepId].Notes.Add($"{line?.Action ?? "approve"} at {Format.Instant(calendar, at)} refused: {refusal.Message}");
                if (line is null)
                {
                    throw new ArgumentException($"the engine refuses to approve {task.StepId}: {refusal.Message}");
                }

                continue;
            }

            state = decision.State;
            clock = Later(clock, at);
            foreach (var sent in decision.Events.OfType<CaseSentBack>())
            {
                _runs[task.StepId].Notes.Add($"sent the case back (退回) to {sent.ToStepId} at {Format.Instant(calendar, at)}: {string.Join(", ", sent.ReopenedSteps)} run again; the case's promised due stays {(state.Due is { } due0 ? Format.Instant(calendar, due0.At) : "none")}");
            }

            Stopped(before.FindTask(task.TaskId)!, state.FindTask(task.TaskId)!, at);
            var chain = _runs[task.StepId].Chain.Add(task.StepId);
            Opened(before, state, chain, at);

            // Lines that waited for a task to open are tried again now that the flow has moved.
            script.InsertRange(0, Pending);
            Pending.Clear();
            if (before.Status != state.Status && state.Status is CaseStatus.AwaitingDelivery or CaseStatus.Rejected)
            {
                (end, path) = (at, chain);
            }
        }

        return (state, end, path);
    }

    /// <summary>
    /// What happens to an open task nobody scripted: approved at its due, or a consultation answered
    /// at its due; never before the clock, when opinions kept it waiting past its due.
    /// </summary>
    private (TaskState Task, DateTimeOffset At, CaseCommand Command) AtDue(TaskState task, DateTimeOffset clock)
    {
        var at = Later(task.Due.At, clock);
        if (task.Kind == TaskKind.Consultation)
        {
            return (task, at, new AnswerConsultation(task.TaskId, "simulated opinion"));
        }

        if (at > task.Due.At)
        {
            _runs[task.StepId].Notes.Add($"approved at {Format.Instant(calendar, at)}, after its due {Format.Instant(calendar, task.Due.At)}: it waited for the opinions it asked for");
        }

        return (task, at, new ApproveTask(task.TaskId, null, "simulated: approved at its due"));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The task a script line acts on and when; a line before its task opens waits for the opening.</summary>
    private (TaskState? Task, DateTimeOffset At, CaseCommand Command) Resolve(ScriptedAction line, CaseState state)
    {
        if (state.FindTaskOfStep(line.TaskId) is not { } task)
        {
            // Not open yet: the case's state says whether it still may open (then the line waits for it) or never will.
            var outcome = state.OutcomeOf(line.TaskId);
            if (outcome == StepOutcome.NotStarted && state.Tasks.Any(t => t.Status.IsOpen()))
            {
                Pending.Add(line);
            }

            return (null, line.At, new ResumeTask(Guid.Empty));
        }

        var at = line.At;
        if (at < task.OpenedAt)
        {
            _runs[task.StepId].Notes.Add($"{line.Action} at {Format.Instant(calendar, line.At)} is before the task opens; done when it opens");
            at = task.OpenedAt;
        }

        return (task, at, line.CommandFor(task.TaskId));
    }

    /// <summary>Lines waiting for their task to open; put back in the script when it does.</summary>
    private List<ScriptedAction> Pending { get; } = [];

    /// <summary>
    /// Remembers each task that <paramref name="after"/> opened: the chain of approvals behind it and
    /// its first due. A consultation is a note on the task that asked for it; a step opened again
    /// (a send back, 退回) starts a new run that keeps the notes of the earlier ones.
    /// </summary>
    private void Opened(CaseState before, CaseState after, ImmutableList<string> chain, DateTimeOffset at)
    {
        foreach (var task in after.Tasks.Where(t => before.FindTask(t.TaskId) is null))
        {
            if (task.Kind == TaskKind.Consultation)
            {
                _runs[task.StepId].Notes.Add($"asked {task.Department} for an opinion at {Format.Instant(calendar, at)}: its own limit, due {Format.Instant(calendar, task.Due.At)}; the asking task's clock and the case's keep running");
                continue;
            }

            var run = new TaskRun(chain, task.Due);
            if (_runs.TryGetValue(task.StepId, out var earlier))
            {
                run.Notes.AddRange(earlier.Notes);
                run.Notes.Add($"round {task.Round} opened at {Format.Instant(calendar, at)} after a send back (退回), with a fresh limit: due {Format.Instant(calendar, task.Due.At)}");
            }

            _runs[task.StepId] = run;
        }
    }

    /// <summary>Records a stop of the task's clock as the engine applied it: from when it stopped to when it ran again.</summary>
    private void Stopped(TaskState before, TaskState after, DateTimeOffset at)
    {
        var run = _runs[after.StepId];
        if (!before.IsClockStopped && after.IsClockStopped)
        {
            run.StoppedAt = at;
        }
        else if (before.IsClockStopped && !after.IsClockStopped && run.StoppedAt is { } from)
        {
            run.Stops.Add(new ClockStop(after.StepId, from, at));
            run.StoppedAt = null;
        }
    }

    private DecisionContext Context(DateTimeOffset now, Actor actor) => new(definition, 1, calendar, now, actor);

    private static Actor Clerk(string department) => new($"simulator@{department}", "模拟科员", [ClerkRoles.DepartmentClerk], department);

    /// <summary>Turns the decided state into rows in document order; <paramref name="skippedIn"/> is the skipped step a row is inside of.</summary>
    private DateTimeOffset Walk(IEnumerable<StepDefinition> steps, CaseState state, DateTimeOffset reach, int depth, string? skippedIn)
    {
        foreach (var step in steps)
        {
            reach = Step(step, state, reach, depth, skippedIn);
        }

        return reach;
    }

    private DateTimeOffset Step(StepDefinition step, CaseState state, DateTimeOffset reach, int depth, string? skippedIn, string? skippedBecause = null)
    {
        var row = Add(step, depth);
        if (step is TaskStepDefinition && skippedIn is null && skippedBecause is null && state.FindTaskOfStep(step.Id) is null && state.OutcomeOf(step.Id) != StepOutcome.Skipped)
        {
            // Never opened although not skipped: the case ended, or a join fired, before the flow reached it.
            row.SkippedBecause = "not reached: the flow ended or joined before it";
            return reach;
        }

        if (skippedIn is not null || skippedBecause is not null || state.OutcomeOf(step.Id) == StepOutcome.Skipped)
        {
            row.SkippedBecause = skippedIn is not null ? $"inside skipped {skippedIn}" : skippedBecause ?? Why(step);
            foreach (var child in Inside(step))
            {
                Step(child, state, reach, depth + 1, skippedIn ?? step.Id);
            }

            return reach;
        }

        row.Start = reach;
        var end = step switch
        {
            TaskStepDefinition task => Task(task, row, state),
            SequenceStepDefinition sequence => Walk(sequence.Steps, state, reach, depth + 1, null),
            ParallelStepDefinition parallel => Parallel(parallel, state, reach, depth + 1),
            DecisionStepDefinition decision => Decision(decision, state, reach, depth + 1),
            _ => reach, // intake and delivery are instants of the flow, not timed work
        };
        row.End = end;
        return end;
    }

    /// <summary>A decision's branches are rows of their own, the branch's steps inside them.</summary>
    private static IEnumerable<StepDefinition> Inside(StepDefinition step) => step.Children;

    private string Why(StepDefinition step) => step.When is { } when ? $"when \"{when.Source}\" is false" : "skipped by the engine";

    private DateTimeOffset Task(TaskStepDefinition step, SimulatedStep row, CaseState state)
    {
        var task = state.FindTaskOfStep(step.Id)!;
        var run = _runs[step.Id];
        row.Notes.AddRange(run.Notes);
        var due = task.Due;

        // The cards fall where the deadline engine puts them: one rule, DeadlineSchedule's.
        var policy = step.Warning ?? definition.Warning;
        var points = Points(due, policy, step.OnOverdue);
        var yellow = At(points, due, CardLevel.Yellow, 0);
        if (yellow is { } y && y.At <= task.OpenedAt)
        {
            row.Notes.Add("yellow card falls as soon as the task opens");
        }

        if (task.Status == Engine.Cases.TaskStatus.Cancelled && Enclosing(step) is { } parallel)
        {
            row.Notes.Add($"cancelled when {parallel.Id} joins ({StepTree.Describe(parallel.Join)}) at {Format.Instant(calendar, task.ClosedAt!.Value)}");
        }

        var escalation = At(points, due, CardLevel.Escalation, 1);
        row.Task = new TaskDeadlines(task.Department, step.TimeLimit, yellow, due, run.FirstDue, escalation, step.OnOverdue == OverdueAction.Approve, Crossed(task.OpenedAt, due.At, step.TimeLimit), run.Stops);
        return due.At;
    }

    private DateTimeOffset Parallel(ParallelStepDefinition parallel, CaseState state, DateTimeOffset reach, int depth)
    {
        foreach (var branch in parallel.Branches)
        {
            Step(branch, state, reach, depth, null);
        }

        // The join fired when its last task closed: approved, or cancelled by the join itself.
        var closed = StepWalk.All(parallel.Branches).OfType<TaskStepDefinition>()
            .Select(t => state.FindTaskOfStep(t.Id)?.ClosedAt).Where(c => c is not null).Select(c => c!.Value).ToList();
        return closed.Count == 0 ? reach : closed.Max();
    }

    private DateTimeOffset Decision(DecisionStepDefinition decision, CaseState state, DateTimeOffset reach, int depth)
    {
        var taken = state.ChosenBranch(decision.Id);
        foreach (var branch in decision.Branches)
        {
            if (string.Equals(branch.Id, taken, StringComparison.Ordinal))
            {
                reach = Step(branch, state, reach, depth, null);
            }
            else
            {
                Step(branch, state, reach, depth, null, taken is null ? Why(branch) : $"decision {decision.Id} took branch {taken}");
            }
        }

        return reach;
    }

    /// <summary>The innermost parallel block holding <paramref name="step"/>, whose join cancels it.</summary>
    private ParallelStepDefinition? Enclosing(StepDefinition step) =>
        StepWalk.All(definition.Steps).OfType<ParallelStepDefinition>()
            .LastOrDefault(p => StepWalk.All(p.Branches).Any(s => ReferenceEquals(s, step)));

    /// <summary>The yellow card and the first escalation of a deadline, as the deadline engine schedules them.</summary>
    private List<CardPoint> Points(Deadline due, WarningPolicy policy, OverdueAction onOverdue)
    {
        var points = new List<CardPoint>();
        try
        {
            foreach (var point in DeadlineSchedule.Pending(due, 1, policy, onOverdue, ImmutableHashSet<string>.Empty, calendar, null))
            {
                points.Add(point);
                if (point.Level == CardLevel.Escalation || point.Level == CardLevel.ApproveBySilence || (point.Level == CardLevel.Red && policy.EscalateEveryWorkingDays <= 0))
                {
                    break; // the dry run shows the first escalation only
                }
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // A point before or after the calendar's range: no card can fall there.
        }

        return points;
    }

    /// <summary>A card point as a deadline: provisional when its year, or the due's, has no calendar data.</summary>
    private Deadline? At(List<CardPoint> points, Deadline due, CardLevel level, int escalation) =>
        points.FirstOrDefault(p => p.Level == level && p.Escalation == escalation) is { } point
            ? new Deadline(point.At, !calendar.HasDataFor(calendar.DeadlineDate(point.At).Year) || !calendar.HasDataFor(calendar.DeadlineDate(due.At).Year))
            : null;

    private SimulatedStep Add(StepDefinition step, int depth)
    {
        var row = new SimulatedStep { Id = step.Id, Name = step.Name, Kind = StepTree.Kind(step), Depth = depth };
        _rows.Add(row);
        return row;
    }

    /// <summary>Overlapping stops of one task are one interval (docs/calendar.md §3): the engine refuses a second stop of a stopped clock.</summary>
    private static List<ClockStop> Merge(IEnumerable<ClockStop> all)
    {
        var merged = new List<ClockStop>();
        foreach (var stop in all.OrderBy(s => s.TaskId, StringComparer.Ordinal).ThenBy(s => s.From))
        {
            if (merged.Count > 0 && merged[^1].TaskId == stop.TaskId && stop.From <= merged[^1].To)
            {
                var last = merged[^1];
                merged[^1] = last with { To = stop.To > last.To ? stop.To : last.To };
            }
            else
            {
                merged.Add(stop);
            }
        }

        return merged;
    }

    /// <summary>Holidays and make-up days between the start day and the due day, runs grouped.</summary>
    private List<CrossedDays> Crossed(DateTimeOffset start, DateTimeOffset due, TimeLimit limit)
    {
        var startDate = DateOnly.FromDateTime(calendar.ToLocal(start).DateTime);
        // Working days do not count the start day; hours count from the start instant, so its day is included.
        var from = limit.IsWorkingDays ? startDate : startDate.AddDays(-1);
        var crossed = new List<CrossedDays>();
        foreach (var day in calendar.DaysBetween(from, calendar.DeadlineDate(due)))
        {
            if (day.Kind is not (DayKind.Holiday or DayKind.MakeUpWorkingDay)) continue;
            if (crossed.Count > 0 && crossed[^1] is var last && last.Kind == day.Kind && last.Name == day.Name && last.To.AddDays(1) == day.Date)
            {
                crossed[^1] = last with { To = day.Date };
            }
            else
            {
                crossed.Add(new CrossedDays(day.Kind, day.Name ?? day.Kind.ToString(), day.Date, day.Date));
            }
        }

        return crossed;
    }
}
