using System.Collections.Immutable;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// The fold: one <c>Apply</c> per event, each returning the state the event leads to. Internal to
/// the engine, so only a decision (or <see cref="Fold"/>) makes a new state; a test folds every
/// event type, so an event without its Apply fails a test rather than production.
/// </summary>
public sealed partial record CaseState
{
    /// <summary>The state after one more event.</summary>
    internal CaseState Apply(CaseEvent e)
    {
        var next = e switch
        {
            CaseStarted x => Apply(x),
            MaterialReceived x => Apply(x),
            CaseWithdrawn x => Apply(x),
            CaseRated x => Apply(x),
            TaskTransferred x => Apply(x),
            StepCompleted x => Apply(x),
            StepSkipped x => Apply(x),
            StepCancelled x => Apply(x),
            DecisionTaken x => Apply(x),
            JoinCompleted x => Apply(x),
            TaskOpened x => Apply(x),
            TaskClaimed x => Apply(x),
            TaskReleased x => Apply(x),
            TaskApproved x => Apply(x),
            TaskRejected x => Apply(x),
            TaskCancelled x => Apply(x),
            DeliveryReady x => Apply(x),
            CaseDelivered x => Apply(x),
            CaseCompleted x => Apply(x),
            CaseRejected x => Apply(x),
            SupplementRequested x => Apply(x),
            SupplementReceived x => Apply(x),
            TaskSuspended x => Apply(x),
            TaskResumed x => Apply(x),
            TaskExtended x => Apply(x),
            CaseExtended x => Apply(x),
            SupplementRoundAllowed x => Apply(x),
            DeadlineMoved x => Apply(x),
            CardIssued x => Apply(x),
            CaseSentBack x => Apply(x),
            DecisionRetracted x => Apply(x),
            ConsultationRequested x => Apply(x),
            ConsultationAnswered x => Apply(x),
            ConsultationWithdrawn x => Apply(x),
            TaskUrged x => Apply(x),
            CommitmentsSigned x => Apply(x),
            CreditChecked x => Apply(x),
            VerificationPassed x => Apply(x),
            VerificationFailed x => Apply(x),
            ItemRevoked x => Apply(x),
            FollowUpRecorded x => Apply(x),
            _ => throw new InvalidOperationException($"No fold for event {e.GetType().Name}."),
        };
        return next with { Version = Version + 1 };
    }

    private CaseState Apply(CaseStarted e) => this with
    {
        CaseId = e.CaseId,
        WorkflowId = e.WorkflowId,
        WorkflowVersion = e.WorkflowVersion,
        Data = e.Data,
        Due = e.Due,
        StartedAt = e.At,
        Status = CaseStatus.Running,
        Applicant = e.Applicant,
        MaterialsProvided = e.MaterialsProvided ?? [],
        OutstandingMaterials = [.. e.MaterialsDeferred ?? []],
        Visits = 1, // intake at the window
    };

    private CaseState Apply(MaterialReceived e) => this with
    {
        OutstandingMaterials = OutstandingMaterials.RemoveAll(m => string.Equals(m.MaterialId, e.MaterialId, StringComparison.Ordinal)),
        Visits = Visits + (e.Channel == ArrivalChannels.Window ? 1 : 0),
    };

    private CaseState Apply(CaseWithdrawn e) => this with { Status = CaseStatus.Withdrawn, EndedAt = e.At };

    private CaseState Apply(CaseRated e) => this with { Rating = e };

    private CaseState Apply(TaskTransferred e) => WithTask(e.TaskId, t => t with { Status = TaskStatus.Claimed, ClaimedBy = e.ToUserId });

    private CaseState Apply(StepCompleted e) => WithStep(e.StepId, StepOutcome.Approved);

    private CaseState Apply(StepSkipped e) => WithStep(e.StepId, StepOutcome.Skipped);

    private CaseState Apply(StepCancelled e) => WithStep(e.StepId, StepOutcome.Cancelled);

    private CaseState Apply(DecisionTaken e) => this with { _choices = _choices.SetItem(e.StepId, e.BranchId) };

    private CaseState Apply(JoinCompleted e) => WithStep(e.StepId, e.Approved ? StepOutcome.Approved : StepOutcome.Rejected);

    private CaseState Apply(TaskOpened e) => this with
    {
        _tasks = _tasks.Add(new TaskState { TaskId = e.TaskId, StepId = e.StepId, Department = e.Department, Role = e.Role, Kind = e.Kind, OpenedAt = e.At, Due = e.Due, Round = RoundOf(e.StepId) }),
    };

    private CaseState Apply(TaskClaimed e) => WithTask(e.TaskId, t => t with { Status = TaskStatus.Claimed, ClaimedBy = e.UserId });

    private CaseState Apply(TaskReleased e) => WithTask(e.TaskId, t => t with { Status = TaskStatus.Open, ClaimedBy = null });

    private CaseState Apply(TaskApproved e) => Close(e.TaskId, TaskStatus.Approved, e.At, t => t with { Result = e.Result, Document = e.Document });

    private CaseState Apply(TaskRejected e) => Close(e.TaskId, TaskStatus.Rejected, e.At, t => t with { Reason = e.Reason });

    private CaseState Apply(TaskCancelled e) => Close(e.TaskId, TaskStatus.Cancelled, e.At, t => t with { Reason = e.Reason });

    private CaseState Apply(DeliveryReady e) => WithStep(e.StepId, StepOutcome.Running) with { Status = CaseStatus.AwaitingDelivery };

    private CaseState Apply(CaseDelivered e) => WithStep(e.StepId, StepOutcome.Approved) with
    {
        DeliveredBy = e.Actor.Department,
        Visits = Visits + (e.Method == DeliveryMethods.Pickup ? 1 : 0),
    };

    private CaseState Apply(CaseCompleted e) => this with { Status = CaseStatus.Completed, EndedAt = e.At };

    private CaseState Apply(CaseRejected e) => this with { Status = CaseStatus.Rejected, EndedAt = e.At };

    private CaseState Apply(SupplementRequested e) =>
        WithTask(e.TaskId, t => t with { SupplementRounds = e.Round, Missing = e.Missing }).StopClock(e.TaskId, ClockStopKind.Supplement, e.At);

    private CaseState Apply(SupplementReceived e) =>
        StartClock(e.TaskId, ClockStopKind.Supplement) with { Visits = Visits + (e.Channel == ArrivalChannels.Window ? 1 : 0) };

    private CaseState Apply(TaskSuspended e) => StopClock(e.TaskId, ClockStopKind.Suspension, e.At);

    private CaseState Apply(TaskResumed e) => StartClock(e.TaskId, ClockStopKind.Suspension);

    private CaseState Apply(TaskExtended e) => WithTask(e.TaskId, t => t with { ExtendedWorkingDays = t.ExtendedWorkingDays + e.WorkingDays });

    private CaseState Apply(CaseExtended e) => this with { ExtendedWorkingDays = ExtendedWorkingDays + e.WorkingDays };

    private CaseState Apply(SupplementRoundAllowed e) => WithTask(e.TaskId, t => t with { ExtraSupplementRounds = t.ExtraSupplementRounds + 1 });

    private CaseState Apply(DeadlineMoved e)
    {
        var move = DueMove.From(e);
        if (e.TaskId is { } taskId)
        {
            return WithTask(taskId, t => t with { Due = e.Due, DueVersion = e.DueVersion, DueMoves = move is null ? t.DueMoves : t.DueMoves.Add(move) });
        }

        return this with { Due = e.Due, DueVersion = e.DueVersion, DueMoves = move is null ? DueMoves : DueMoves.Add(move) };
    }

    private CaseState Apply(CardIssued e)
    {
        var key = new CardPoint(e.Level, e.Escalation, e.CardAt).Key(e.DueVersion);
        return e.TaskId is { } taskId
            ? WithTask(taskId, t => t with { CardsIssued = t.CardsIssued.Add(key) })
            : this with { CardsIssued = CardsIssued.Add(key) };
    }

    private CaseState Apply(TaskUrged e) => WithTask(e.TaskId, t => t with { Urgings = t.Urgings + 1, LastUrgedAt = e.At });

    private CaseState WithStep(string stepId, StepOutcome outcome) => this with { _steps = _steps.SetItem(stepId, outcome) };

    private CaseState WithTask(Guid taskId, Func<TaskState, TaskState> change)
    {
        for (var i = 0; i < _tasks.Length; i++)
        {
            if (_tasks[i].TaskId == taskId)
            {
                return this with { _tasks = _tasks.SetItem(i, change(_tasks[i])) };
            }
        }

        throw new InvalidOperationException($"Event names task {taskId}, which case {CaseId} never opened.");
    }

    private CaseState StopClock(Guid taskId, ClockStopKind kind, DateTimeOffset at) =>
        WithTask(taskId, t => t with { Stops = t.Stops.Add(kind), ClockStoppedAt = t.IsClockStopped ? t.ClockStoppedAt : at }) with
        {
            ClockStoppedAt = ClockStoppedAt ?? at,
        };

    private CaseState StartClock(Guid taskId, ClockStopKind kind)
    {
        var next = WithTask(taskId, t =>
        {
            var stops = t.Stops.Remove(kind);
            return t with { Stops = stops, ClockStoppedAt = stops.IsEmpty ? null : t.ClockStoppedAt };
        });
        return next._tasks.Any(t => t.IsClockStopped) ? next : next with { ClockStoppedAt = null };
    }

    private CaseState Close(Guid taskId, TaskStatus status, DateTimeOffset at, Func<TaskState, TaskState> record)
    {
        var next = this;
        foreach (var stop in FindTask(taskId)?.Stops ?? [])
        {
            next = next.StartClock(taskId, stop);
        }

        return next.WithTask(taskId, t => record(t with { Status = status, ClosedAt = at }));
    }
}
