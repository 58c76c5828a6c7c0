using System.Collections.Immutable;
using System.Text.Json;
using Approval.Calendar;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Model;
using Approval.Engine.Cases;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>
/// A dry run of the deadline model on the real calendar: walks the block structure from the
/// start instant, evaluating conditions and decisions on the given data, and assumes every task
/// is approved exactly at its due — the latest moment that still meets its limit — so each step
/// starts when the one before it would at worst have finished.
/// </summary>
/// <remarks>
/// The cards (yellow, first escalation) come from the deadline engine's own schedule
/// (<see cref="DeadlineSchedule"/>), so a change to the card rule shows here too; the walk itself
/// is still the simulator's (driving <see cref="CaseDecider"/> step by step is left to do).
/// Pure apart from the calendar's record of missing years: no clock, files or network. Join rules
/// are honoured: <c>all</c> waits for the last running branch, <c>any</c> for the first,
/// <c>quorum n</c> for the n-th; branches still running then would be cancelled and are marked so.
/// </remarks>
internal sealed class Simulator(WorkflowDefinition definition, WorkingCalendar calendar, IReadOnlyDictionary<string, JsonElement> data, IReadOnlyList<ClockStop> stops)
{
    private readonly List<SimulatedStep> _rows = [];

    /// <summary>How far the flow has got: the instant and the chain of tasks that led there.</summary>
    private readonly record struct Reach(DateTimeOffset At, ImmutableList<string> Chain);

    /// <summary>Runs the flow from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentException">A stop names a task that is not in the definition.</exception>
    public SimulationResult Run(DateTimeOffset start)
    {
        var taskIds = StepWalk.All(definition.Steps).OfType<TaskStepDefinition>().Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stop in stops.Where(s => !taskIds.Contains(s.TaskId)))
        {
            throw new ArgumentException($"--stop names '{stop.TaskId}', which is not a task of {definition.Id}; its tasks are: {string.Join(", ", taskIds.Order(StringComparer.Ordinal))}.");
        }

        _rows.Clear();
        var end = Sequence(definition.Steps, new Reach(start, []), 0);
        var caseDue = definition.TimeLimit is { } limit ? calendar.Due(start, limit) : (Deadline?)null;
        return new SimulationResult(definition, start, [.. _rows], end.At, caseDue, end.Chain, [.. calendar.MissingYearsUsed]);
    }

    private Reach Sequence(IEnumerable<StepDefinition> steps, Reach reach, int depth) =>
        steps.Aggregate(reach, (current, step) => Step(step, current, depth));

    private Reach Step(StepDefinition step, Reach reach, int depth)
    {
        var row = Add(step, depth);
        if (step.When is { } when && !when.Evaluate(data))
        {
            Skip(step, row, $"when \"{when.Source}\" is false", depth);
            return reach;
        }

        row.Start = reach.At;
        var end = step switch
        {
            TaskStepDefinition task => Task(task, row, reach),
            SequenceStepDefinition sequence => Sequence(sequence.Steps, reach, depth + 1),
            ParallelStepDefinition parallel => Parallel(parallel, reach, depth + 1),
            DecisionStepDefinition decision => Decision(decision, reach, depth + 1),
            _ => reach, // intake and delivery are instants of the flow, not timed work
        };
        row.End = end.At;
        return end;
    }

    private Reach Task(TaskStepDefinition task, SimulatedStep row, Reach reach)
    {
        var start = reach.At;
        var unstopped = calendar.Due(start, task.TimeLimit);
        var applied = Merge(stops.Where(s => s.TaskId == task.Id));
        var due = unstopped;
        foreach (var stop in applied)
        {
            if (stop.From < start) row.Notes.Add($"stop from {Format.Instant(calendar, stop.From)} begins before the task opens; counted as given");
            var resumed = calendar.Resume(due.At, stop.From, stop.To, task.TimeLimit);
            due = new Deadline(resumed.At, resumed.Provisional || due.Provisional);
        }

        // The cards fall where the deadline engine puts them: one rule, DeadlineSchedule's.
        var policy = task.Warning ?? definition.Warning;
        var points = Points(due, policy, task.OnOverdue);
        var yellow = At(points, due, CardLevels.Yellow, 0);
        if (yellow is { } y && y.At <= start)
        {
            row.Notes.Add("yellow card falls as soon as the task opens");
        }

        var escalation = At(points, due, CardLevels.Escalation, 1);
        row.Task = new TaskDeadlines(task.Department, task.TimeLimit, yellow, due, unstopped, escalation, task.OnOverdue == OverdueAction.Approve, Crossed(start, due.At, task.TimeLimit), applied);
        return new Reach(due.At, reach.Chain.Add(task.Id));
    }

    /// <summary>The yellow card and the first escalation of a deadline, as the deadline engine schedules them.</summary>
    private List<CardPoint> Points(Deadline due, WarningPolicy policy, OverdueAction onOverdue)
    {
        var points = new List<CardPoint>();
        try
        {
            foreach (var point in DeadlineSchedule.Pending(due, 1, policy, onOverdue, ImmutableHashSet<string>.Empty, calendar, null))
            {
                points.Add(point);
                if (point.Level == CardLevels.Escalation || point.Level == CardLevels.ApproveBySilence || (point.Level == CardLevels.Red && policy.EscalateEveryWorkingDays <= 0))
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
    private Deadline? At(List<CardPoint> points, Deadline due, string level, int escalation) =>
        points.FirstOrDefault(p => p.Level == level && p.Escalation == escalation) is { } point
            ? new Deadline(point.At, !calendar.HasDataFor(calendar.DeadlineDate(point.At).Year) || !calendar.HasDataFor(calendar.DeadlineDate(due.At).Year))
            : null;

    private Reach Parallel(ParallelStepDefinition parallel, Reach reach, int depth)
    {
        var ends = new List<(Reach End, int FirstRow, int LastRow)>();
        foreach (var branch in parallel.Branches)
        {
            var first = _rows.Count;
            var skipped = branch.When is { } when && !when.Evaluate(data);
            var end = Step(branch, reach, depth);
            if (!skipped) ends.Add((end, first, _rows.Count));
        }

        if (ends.Count == 0) return reach;
        var needed = parallel.Join.Needed(ends.Count);
        var ordered = ends.OrderBy(e => e.End.At).ToList();
        var joined = ordered[Math.Max(needed, 1) - 1].End;

        // With any/quorum the join fires before the slow branches finish; the engine cancels them then.
        foreach (var (end, first, last) in ends.Where(e => e.End.At > joined.At))
        {
            for (var i = first; i < last; i++)
            {
                if (_rows[i].Task is not null) _rows[i].Notes.Add($"cancelled when {parallel.Id} joins ({StepTree.Describe(parallel.Join)}) at {Format.Instant(calendar, joined.At)}");
            }
        }

        return joined;
    }

    private Reach Decision(DecisionStepDefinition decision, Reach reach, int depth)
    {
        SequenceStepDefinition? taken = null;
        foreach (var branch in decision.Branches)
        {
            var row = Add(branch, depth);
            if (taken is null && (branch.When is null || branch.When.Evaluate(data)))
            {
                taken = branch;
                row.Start = reach.At;
                var end = Sequence(branch.Steps, reach, depth + 1);
                row.End = end.At;
                reach = end;
            }
            else
            {
                Skip(branch, row, taken is null ? $"when \"{branch.When!.Source}\" is false" : $"decision {decision.Id} took branch {taken.Id}", depth);
            }
        }

        return reach;
    }

    private SimulatedStep Add(StepDefinition step, int depth)
    {
        var row = new SimulatedStep { Id = step.Id, Name = step.Name, Kind = StepTree.Kind(step), Depth = depth };
        _rows.Add(row);
        return row;
    }

    private void Skip(StepDefinition step, SimulatedStep row, string why, int depth)
    {
        row.SkippedBecause = why;
        foreach (var child in step.Children) SkipInside(child, step.Id, depth + 1);
    }

    private void SkipInside(StepDefinition step, string parentId, int depth)
    {
        Add(step, depth).SkippedBecause = $"inside skipped {parentId}";
        foreach (var child in step.Children) SkipInside(child, parentId, depth + 1);
    }

    /// <summary>Overlapping stops of one task must be applied as one interval (docs/calendar.md §3).</summary>
    private static List<ClockStop> Merge(IEnumerable<ClockStop> taskStops)
    {
        var merged = new List<ClockStop>();
        foreach (var stop in taskStops.OrderBy(s => s.From))
        {
            if (merged.Count > 0 && stop.From <= merged[^1].To)
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
