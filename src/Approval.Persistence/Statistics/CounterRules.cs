using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;

namespace Approval.Persistence.Statistics;

/// <summary>
/// What a case's events add to the supervision counters — the one rule both the command path
/// (<see cref="CounterSink"/>) and the rebuild (<see cref="CounterRebuilder"/>) apply, so the two
/// agree by construction. Pure: state, events and calendar in, changes out.
/// </summary>
/// <remarks>
/// Standing counters are a function of the case's state (<see cref="AddStanding"/>): a command adds
/// f(after) − f(before). Daily counters are what each event did, on its local day. Both are
/// additive, so one command of three events adds what three commands of one event would.
/// </remarks>
public static class CounterRules
{
    /// <summary>The changes of <paramref name="events"/> applied to <paramref name="before"/> (which is not modified).</summary>
    public static CounterChanges For(CaseState before, IReadOnlyList<CaseEvent> events, WorkflowDefinition definition, WorkingCalendar calendar)
    {
        var changes = new CounterChanges();
        AddStanding(changes, before, -1);
        var state = before;
        foreach (var e in events)
        {
            var ratingBefore = state.Rating;
            state = state.Then(e);
            AddDaily(changes, state, e, ratingBefore, definition, calendar);
        }

        AddStanding(changes, state, +1);
        return changes;
    }

    /// <summary>The colour of an open task: by the cards issued on its current deadline.</summary>
    public static string ColourOf(TaskState task)
    {
        var suffix = $":{task.DueVersion}";
        var cards = task.CardsIssued;
        if (cards.Any(k => k.EndsWith(suffix, StringComparison.Ordinal) && (k.StartsWith("red:", StringComparison.Ordinal) || k.StartsWith("escalation:", StringComparison.Ordinal))))
        {
            return CardLevels.Red;
        }

        return cards.Any(k => k.EndsWith(suffix, StringComparison.Ordinal) && k.StartsWith("yellow:", StringComparison.Ordinal)) ? CardLevels.Yellow : "green";
    }

    /// <summary>Adds <paramref name="sign"/> × the standing counters <paramref name="state"/> contributes.</summary>
    public static void AddStanding(CounterChanges changes, CaseState state, int sign)
    {
        if (!state.IsStarted)
        {
            return;
        }

        changes.Add(null, Counters.Centre, Counters.StatusPrefix + StatusName(state.Status), sign);
        if (!state.IsEnded)
        {
            changes.Add(null, Counters.Centre, Counters.CasesRunning, sign);
        }

        var departments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in state.Tasks)
        {
            if (!task.Status.IsOpen())
            {
                continue;
            }

            departments.Add(task.Department);
            changes.Add(null, task.Department, ColourOf(task) switch
            {
                CardLevels.Red => Counters.OpenRed,
                CardLevels.Yellow => Counters.OpenYellow,
                _ => Counters.OpenGreen,
            }, sign);
            if (task.CardsIssued.Any(k => k.StartsWith("escalation:", StringComparison.Ordinal) && k.EndsWith($":{task.DueVersion}", StringComparison.Ordinal)))
            {
                changes.Add(null, task.Department, Counters.OpenEscalated, sign);
            }
        }

        foreach (var department in departments)
        {
            changes.Add(null, department, Counters.CasesRunning, sign);
        }
    }

    private static void AddDaily(CounterChanges changes, CaseState state, CaseEvent e, CaseRated? ratingBefore, WorkflowDefinition definition, WorkingCalendar calendar)
    {
        var day = DateOnly.FromDateTime(calendar.ToLocal(e.At).DateTime);
        switch (e)
        {
            case CaseStarted:
                changes.Add(day, Counters.Centre, Counters.Intake);
                break;
            case TaskOpened opened:
                changes.Add(day, opened.Department, Counters.TasksOpened);
                break;
            case TaskApproved { TaskId: var id }:
                FinishTask(changes, state.FindTask(id)!, e.At, day);
                break;
            case TaskRejected { TaskId: var id }:
                FinishTask(changes, state.FindTask(id)!, e.At, day);
                break;
            case CardIssued card:
                var department = card.TaskId is { } taskId ? state.FindTask(taskId)?.Department ?? Counters.Centre : Counters.Centre;
                changes.Add(day, department, Counters.Cards(card.Level));
                break;
            case CaseCompleted:
                changes.Add(day, Counters.Centre, Counters.Completed);
                changes.Add(day, Counters.Centre, Counters.CompletedOnTime, state.Due is not { } due || e.At <= due.At ? 1 : 0);
                changes.Add(day, Counters.Centre, Counters.CompletedOneVisit, state.Visits <= 1 ? 1 : 0);
                changes.Add(day, Counters.Centre, Counters.CompletedVisits, state.Visits);
                if (definition.TimeLimit is { IsWorkingDays: true, Amount: var limit })
                {
                    var started = DateOnly.FromDateTime(calendar.ToLocal(state.StartedAt).DateTime);
                    changes.Add(day, Counters.Centre, Counters.CompletedLimited);
                    changes.Add(day, Counters.Centre, Counters.CompletedLimitDays, limit + state.ExtendedWorkingDays);
                    changes.Add(day, Counters.Centre, Counters.CompletedUsedDays, calendar.CountWorkingDays(started, day));
                }

                break;
            case CaseRated rated:
                // A second rating replaces the first: take the first back out on its own day's totals' terms.
                if (ratingBefore is { } previous)
                {
                    AddRating(changes, DateOnly.FromDateTime(calendar.ToLocal(previous.At).DateTime), previous.Score, -1);
                }

                AddRating(changes, day, rated.Score, +1);
                break;
        }
    }

    private static void FinishTask(CounterChanges changes, TaskState task, DateTimeOffset at, DateOnly day)
    {
        changes.Add(day, task.Department, Counters.TasksFinished);
        changes.Add(day, task.Department, Counters.TasksOnTime, at <= task.Due.At ? 1 : 0);
    }

    private static void AddRating(CounterChanges changes, DateOnly day, int score, int sign)
    {
        changes.Add(day, Counters.Centre, Counters.Ratings, sign);
        changes.Add(day, Counters.Centre, Counters.RatingsScore, sign * score);
        changes.Add(day, Counters.Centre, Counters.RatingsGood, score >= 4 ? sign : 0);
        changes.Add(day, Counters.Centre, Counters.RatingsPoor, score <= 2 ? sign : 0);
    }

    /// <summary>A case status as the API spells it (<c>AwaitingDelivery</c> → <c>awaiting-delivery</c>).</summary>
    public static string StatusName(CaseStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
