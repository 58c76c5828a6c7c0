using System.Text.Json;
using Approval.Calendar;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// A case (办件) as the fold of its events. Nothing sets this state but <see cref="Apply"/>, so
/// what the events say is what the case is.
/// </summary>
/// <remarks>
/// Not thread safe: a state instance belongs to one command at a time. The decider works on a
/// <see cref="Copy"/> so a refused command leaves the caller's state untouched.
/// </remarks>
public sealed class CaseState
{
    private Dictionary<string, StepOutcome> _steps = new(StringComparer.Ordinal);
    private Dictionary<string, TaskState> _tasksByStep = new(StringComparer.Ordinal);
    private Dictionary<Guid, TaskState> _tasks = [];
    private Dictionary<string, string> _choices = new(StringComparer.Ordinal);
    private HashSet<string> _cards = new(StringComparer.Ordinal);
    private Dictionary<string, DateOnly> _outstanding = new(StringComparer.Ordinal);
    private List<DueMove> _dueMoves = [];

    public Guid CaseId { get; private set; }
    public string WorkflowId { get; private set; } = "";
    public int WorkflowVersion { get; private set; }
    public CaseStatus Status { get; private set; }
    public IReadOnlyDictionary<string, JsonElement> Data { get; private set; } = new Dictionary<string, JsonElement>();
    public Deadline? Due { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Counts the case's due instants: 1 at intake, one more each time it moves.</summary>
    public int DueVersion { get; private set; } = 1;

    /// <summary>When the case's clock stopped: while any of its tasks has a stopped clock, counted once.</summary>
    public DateTimeOffset? ClockStoppedAt { get; private set; }

    public bool IsClockStopped => ClockStoppedAt is not null;

    /// <summary>Every operation that moved the case's due, in order, for replaying it on a newer calendar.</summary>
    public IReadOnlyList<DueMove> DueMoves => _dueMoves;

    /// <summary>Keys of the alert points already issued on the case's own promised limit.</summary>
    public IReadOnlySet<string> CardsIssued => _cards;

    /// <summary>Working days supervisors have added to the case's promised limit.</summary>
    public int ExtendedWorkingDays { get; private set; }

    public ApplicantRecord? Applicant { get; private set; }

    public IReadOnlyList<string> MaterialsProvided { get; private set; } = [];

    /// <summary>Materials promised at intake (容缺) and not yet received, with their promise dates; they block delivery.</summary>
    public IReadOnlyDictionary<string, DateOnly> OutstandingMaterials => _outstanding;

    /// <summary>In-person interactions (跑动次数): intake, supplements or materials at the window, pickup.</summary>
    public int Visits { get; private set; }

    public CaseRated? Rating { get; private set; }

    /// <summary>How many events the state has folded; the optimistic-concurrency version of the case.</summary>
    public int Version { get; private set; }

    public IEnumerable<TaskState> Tasks => _tasks.Values;

    public bool IsStarted => Version > 0;

    public bool IsEnded => Status is CaseStatus.Completed or CaseStatus.Rejected or CaseStatus.Withdrawn;

    public TaskState? FindTask(Guid taskId) => _tasks.GetValueOrDefault(taskId);

    public TaskState? FindTaskOfStep(string stepId) => _tasksByStep.GetValueOrDefault(stepId);

    /// <summary>The branch a decision step chose, or null before it decided.</summary>
    public string? ChosenBranch(string decisionStepId) => _choices.GetValueOrDefault(decisionStepId);

    /// <summary>The recorded outcome of a non-composite step or a join; tasks answer from their own status.</summary>
    public StepOutcome OutcomeOf(string stepId)
    {
        if (_tasksByStep.TryGetValue(stepId, out var task))
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

    public static CaseState Fold(IEnumerable<CaseEvent> events)
    {
        var state = new CaseState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    public CaseState Copy()
    {
        var copy = (CaseState)MemberwiseClone();
        copy._steps = new Dictionary<string, StepOutcome>(_steps, StringComparer.Ordinal);
        copy._choices = new Dictionary<string, string>(_choices, StringComparer.Ordinal);
        copy._cards = new HashSet<string>(_cards, StringComparer.Ordinal);
        copy._outstanding = new Dictionary<string, DateOnly>(_outstanding, StringComparer.Ordinal);
        copy._dueMoves = [.. _dueMoves];
        copy._tasks = _tasks.ToDictionary(p => p.Key, p => p.Value.Copy());
        copy._tasksByStep = copy._tasks.Values.ToDictionary(t => t.StepId, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>Folds one more event into the state.</summary>
    public void Apply(CaseEvent e)
    {
        Version++;
        switch (e)
        {
            case CaseStarted s:
                CaseId = s.CaseId;
                WorkflowId = s.WorkflowId;
                WorkflowVersion = s.WorkflowVersion;
                Data = s.Data;
                Due = s.Due;
                StartedAt = s.At;
                Status = CaseStatus.Running;
                Applicant = s.Applicant;
                MaterialsProvided = s.MaterialsProvided ?? [];
                foreach (var deferred in s.MaterialsDeferred ?? [])
                {
                    _outstanding[deferred.MaterialId] = deferred.PromisedBy;
                }

                Visits = 1; // intake at the window
                break;
            case MaterialReceived m:
                _outstanding.Remove(m.MaterialId);
                Visits += m.Channel == "window" ? 1 : 0;
                break;
            case CaseWithdrawn w:
                Status = CaseStatus.Withdrawn;
                EndedAt = w.At;
                break;
            case CaseRated r:
                Rating = r;
                break;
            case TaskTransferred t:
                _tasks[t.TaskId].Status = TaskStatus.Claimed;
                _tasks[t.TaskId].ClaimedBy = t.ToUserId;
                break;
            case StepCompleted c:
                _steps[c.StepId] = StepOutcome.Approved;
                break;
            case StepSkipped k:
                _steps[k.StepId] = StepOutcome.Skipped;
                break;
            case StepCancelled x:
                _steps[x.StepId] = StepOutcome.Cancelled;
                break;
            case DecisionTaken d:
                _choices[d.StepId] = d.BranchId;
                break;
            case JoinCompleted j:
                _steps[j.StepId] = j.Approved ? StepOutcome.Approved : StepOutcome.Rejected;
                break;
            case TaskOpened o:
                var task = new TaskState { TaskId = o.TaskId, StepId = o.StepId, Department = o.Department, Role = o.Role, OpenedAt = o.At, Due = o.Due };
                _tasks[o.TaskId] = task;
                _tasksByStep[o.StepId] = task;
                break;
            case TaskClaimed c:
                _tasks[c.TaskId].Status = TaskStatus.Claimed;
                _tasks[c.TaskId].ClaimedBy = c.UserId;
                break;
            case TaskReleased r:
                _tasks[r.TaskId].Status = TaskStatus.Open;
                _tasks[r.TaskId].ClaimedBy = null;
                break;
            case TaskApproved a:
                Close(a.TaskId, TaskStatus.Approved, a.At).Result = a.Result;
                break;
            case TaskRejected r:
                Close(r.TaskId, TaskStatus.Rejected, r.At).Reason = r.Reason;
                break;
            case TaskCancelled c:
                Close(c.TaskId, TaskStatus.Cancelled, c.At).Reason = c.Reason;
                break;
            case DeliveryReady d:
                _steps[d.StepId] = StepOutcome.Running;
                Status = CaseStatus.AwaitingDelivery;
                break;
            case CaseDelivered d:
                _steps[d.StepId] = StepOutcome.Approved;
                Visits += d.Method == "pickup" ? 1 : 0;
                break;
            case CaseCompleted c:
                Status = CaseStatus.Completed;
                EndedAt = c.At;
                break;
            case CaseRejected r:
                Status = CaseStatus.Rejected;
                EndedAt = r.At;
                break;
            case SupplementRequested q:
                var asked = _tasks[q.TaskId];
                asked.SupplementRounds = q.Round;
                asked.Missing = q.Missing;
                StopClock(asked, "supplement", q.At);
                break;
            case SupplementReceived r:
                StartClock(_tasks[r.TaskId], "supplement");
                Visits += r.Channel == "window" ? 1 : 0;
                break;
            case TaskSuspended s:
                StopClock(_tasks[s.TaskId], "suspension", s.At);
                break;
            case TaskResumed r:
                StartClock(_tasks[r.TaskId], "suspension");
                break;
            case TaskExtended x:
                _tasks[x.TaskId].ExtendedWorkingDays += x.WorkingDays;
                break;
            case CaseExtended x:
                ExtendedWorkingDays += x.WorkingDays;
                break;
            case SupplementRoundAllowed a:
                _tasks[a.TaskId].ExtraSupplementRounds++;
                break;
            case DeadlineMoved m when m.TaskId is { } movedTask:
                _tasks[movedTask].Due = m.Due;
                _tasks[movedTask].DueVersion = m.DueVersion;
                if (DueMove.From(m) is { } taskMove)
                {
                    _tasks[movedTask].RecordMove(taskMove);
                }

                break;
            case DeadlineMoved m:
                Due = m.Due;
                DueVersion = m.DueVersion;
                if (DueMove.From(m) is { } caseMove)
                {
                    _dueMoves.Add(caseMove);
                }

                break;
            case CardIssued c when c.TaskId is { } cardTask:
                _tasks[cardTask].RecordCard(new CardPoint(c.Level, c.Escalation, c.CardAt).Key(c.DueVersion));
                break;
            case CardIssued c:
                _cards.Add(new CardPoint(c.Level, c.Escalation, c.CardAt).Key(c.DueVersion));
                break;
            default:
                throw new InvalidOperationException($"No fold for event {e.GetType().Name}.");
        }
    }

    private void StopClock(TaskState task, string kind, DateTimeOffset at)
    {
        var wasRunning = !task.IsClockStopped;
        task.AddStop(kind);
        if (wasRunning)
        {
            task.ClockStoppedAt = at;
        }

        ClockStoppedAt ??= at;
    }

    private void StartClock(TaskState task, string kind)
    {
        task.RemoveStop(kind);
        if (!task.IsClockStopped)
        {
            task.ClockStoppedAt = null;
        }

        if (!_tasks.Values.Any(t => t.IsClockStopped))
        {
            ClockStoppedAt = null;
        }
    }

    private TaskState Close(Guid taskId, TaskStatus status, DateTimeOffset at)
    {
        var task = _tasks[taskId];
        foreach (var stop in task.Stops.ToList())
        {
            StartClock(task, stop);
        }

        task.Status = status;
        task.ClosedAt = at;
        return task;
    }
}
