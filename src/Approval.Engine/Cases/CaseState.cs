using System.Collections.Immutable;
using System.Text.Json;
using Approval.Calendar;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// A case (办件) as the fold of its events. Nothing makes a state but <see cref="Fold"/> and the
/// engine's own <c>Apply</c> (one per event, in <c>CaseState.Apply.cs</c>), each returning a new
/// state, so what the events say is what the case is.
/// </summary>
/// <remarks>
/// Immutable, so thread safe: a cached state can be handed to any number of callers, and a
/// decision cannot change the state it was given. <c>with</c> copies share every collection that
/// did not change.
/// </remarks>
public sealed partial record CaseState
{
    public Guid CaseId { get; private init; }
    public string WorkflowId { get; private init; } = "";
    public int WorkflowVersion { get; private init; }
    public CaseStatus Status { get; private init; }
    public IReadOnlyDictionary<string, JsonElement> Data { get; private init; } = ImmutableDictionary<string, JsonElement>.Empty;
    public Deadline? Due { get; private init; }
    public DateTimeOffset StartedAt { get; private init; }
    public DateTimeOffset? EndedAt { get; private init; }

    /// <summary>Counts the case's due instants: 1 at intake, one more each time it moves.</summary>
    public int DueVersion { get; private init; } = 1;

    /// <summary>When the case's clock stopped: while any of its tasks has a stopped clock, counted once.</summary>
    public DateTimeOffset? ClockStoppedAt { get; private init; }

    public bool IsClockStopped => ClockStoppedAt is not null;

    /// <summary>Every operation that moved the case's due, in order, for replaying it on a newer calendar.</summary>
    public ImmutableList<DueMove> DueMoves { get; private init; } = [];

    /// <summary>Keys of the alert points already issued on the case's own promised limit.</summary>
    public ImmutableHashSet<string> CardsIssued { get; private init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Working days supervisors have added to the case's promised limit.</summary>
    public int ExtendedWorkingDays { get; private init; }

    public ApplicantRecord? Applicant { get; private init; }

    public IReadOnlyList<string> MaterialsProvided { get; private init; } = [];

    /// <summary>Materials promised at intake (容缺) and not yet received, in intake order with their promise dates; they block delivery.</summary>
    public ImmutableList<DeferredMaterial> OutstandingMaterials { get; private init; } = [];

    /// <summary>In-person interactions (跑动次数): intake, supplements or materials at the window, pickup.</summary>
    public int Visits { get; private init; }

    public CaseRated? Rating { get; private init; }

    /// <summary>How many events the state has folded; the optimistic-concurrency version of the case.</summary>
    public int Version { get; private init; }

    /// <summary>The case's tasks in the order they opened.</summary>
    public IEnumerable<TaskState> Tasks => _tasks;

    public bool IsStarted => Version > 0;

    public bool IsEnded => Status is CaseStatus.Completed or CaseStatus.Rejected or CaseStatus.Withdrawn;

    // A case has a handful of tasks: a scan of an array in opening order beats a hashed lookup
    // and keeps the order readers and the rules see.
    private ImmutableArray<TaskState> _tasks = [];
    private ImmutableDictionary<string, StepOutcome> _steps = ImmutableDictionary.Create<string, StepOutcome>(StringComparer.Ordinal);
    private ImmutableDictionary<string, string> _choices = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    public TaskState? FindTask(Guid taskId)
    {
        foreach (var task in _tasks)
        {
            if (task.TaskId == taskId)
            {
                return task;
            }
        }

        return null;
    }

    public TaskState? FindTaskOfStep(string stepId)
    {
        foreach (var task in _tasks)
        {
            // Only the approval task answers for its step; verification and other tasks share the step id.
            if (task.Kind == TaskKind.Approval && string.Equals(task.StepId, stepId, StringComparison.Ordinal))
            {
                return task;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="materialId"/> was promised at intake and has not arrived yet.</summary>
    public bool IsOutstanding(string materialId) => OutstandingMaterials.Exists(m => string.Equals(m.MaterialId, materialId, StringComparison.Ordinal));

    /// <summary>The branch a decision step chose, or null before it decided.</summary>
    public string? ChosenBranch(string decisionStepId) => _choices.GetValueOrDefault(decisionStepId);

    /// <summary>The recorded outcome of a non-composite step or a join; tasks answer from their own status.</summary>
    public StepOutcome OutcomeOf(string stepId)
    {
        if (FindTaskOfStep(stepId) is { } task)
        {
            return task.Status switch
            {
                TaskStatus.Approved => StepOutcome.Approved,
                TaskStatus.Rejected => StepOutcome.Rejected,
                TaskStatus.Cancelled => StepOutcome.Cancelled,
                _ => StepOutcome.Running,
            };
        }

        return _steps.GetValueOrDefault(stepId, StepOutcome.NotStarted);
    }

    /// <summary>The state a history leads to, from the empty case.</summary>
    public static CaseState Fold(IEnumerable<CaseEvent> events)
    {
        var state = new CaseState();
        foreach (var e in events)
        {
            state = state.Apply(e);
        }

        return state;
    }

    /// <summary>
    /// The state after one more recorded event; this state is left as it was. For readers that
    /// replay a stored history event by event (the supervision counters); deciding goes through
    /// <see cref="CaseDecider"/>, never through this.
    /// </summary>
    public CaseState Then(CaseEvent e) => Apply(e);
}
