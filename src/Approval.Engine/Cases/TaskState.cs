using System.Collections.Immutable;
using Approval.Calendar;

namespace Approval.Engine.Cases;

/// <summary>One department task of a case, as its events left it. Immutable; made only by the case's fold.</summary>
public sealed record TaskState
{
    public Guid TaskId { get; internal init; }
    public string StepId { get; internal init; } = "";
    public string Department { get; internal init; } = "";
    public string? Role { get; internal init; }
    public TaskKind Kind { get; internal init; } = TaskKind.Approval;
    public DateTimeOffset OpenedAt { get; internal init; }
    public TaskStatus Status { get; internal init; } = TaskStatus.Open;
    public string? ClaimedBy { get; internal init; }
    public Deadline Due { get; internal init; }
    public DateTimeOffset? ClosedAt { get; internal init; }
    public string? Result { get; internal init; }
    public string? Reason { get; internal init; }

    /// <summary>The result document (证照) the approval recorded, if any.</summary>
    public Events.ResultDocument? Document { get; internal init; }

    /// <summary>How many times the task was urged (催办), and when last; urging never moves its due.</summary>
    public int Urgings { get; internal init; }

    public DateTimeOffset? LastUrgedAt { get; internal init; }

    /// <summary>Counts the due instants this task has had: 1 at opening, one more each time it moves.</summary>
    public int DueVersion { get; internal init; } = 1;

    /// <summary>Why the task's clock is stopped now; empty while it runs.</summary>
    public ImmutableHashSet<ClockStopKind> Stops { get; internal init; } = [];

    /// <summary>When the clock stopped; overlapping stops count once, from the first to the last.</summary>
    public DateTimeOffset? ClockStoppedAt { get; internal init; }

    public bool IsClockStopped => !Stops.IsEmpty;

    /// <summary>Supplement rounds requested so far, and extra rounds a supervisor allowed.</summary>
    public int SupplementRounds { get; internal init; }

    public int ExtraSupplementRounds { get; internal init; }

    /// <summary>What the last supplement notice listed as missing (一次性告知).</summary>
    public IReadOnlyList<string> Missing { get; internal init; } = [];

    public int ExtendedWorkingDays { get; internal init; }

    /// <summary>Every operation that moved this task's due, in order, for replaying it on a newer calendar.</summary>
    public ImmutableList<DueMove> DueMoves { get; internal init; } = [];

    /// <summary>The step's round this task belongs to: 1, one more each time a send back (退回) reopened the step.</summary>
    public int Round { get; internal init; } = 1;

    /// <summary>For a consultation: the approval task that asked for it, the question and the opinion given.</summary>
    public Guid? ParentTaskId { get; internal init; }

    public string? Question { get; internal init; }

    /// <summary>For an approval task: the consultations asked on it, in the order they opened.</summary>
    public ImmutableList<Guid> Consultations { get; internal init; } = [];

    public string? Opinion { get; internal init; }

    /// <summary>The limit a consultation was given when asked; null for the other kinds, whose limit <see cref="TaskLimits"/> reads from the definition.</summary>
    public TimeLimit? OwnLimit { get; internal init; }

    /// <summary>Keys (<see cref="CardPoint.Key"/>) of the alert points already issued on this task.</summary>
    public ImmutableHashSet<string> CardsIssued { get; internal init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
}
