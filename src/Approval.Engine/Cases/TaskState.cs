using Approval.Calendar;

namespace Approval.Engine.Cases;

/// <summary>One department task of a case, as its events left it.</summary>
public sealed class TaskState
{
    public required Guid TaskId { get; init; }
    public required string StepId { get; init; }
    public required string Department { get; init; }
    public string? Role { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public TaskStatus Status { get; internal set; } = TaskStatus.Open;
    public string? ClaimedBy { get; internal set; }
    public Deadline Due { get; internal set; }
    public DateTimeOffset? ClosedAt { get; internal set; }
    public string? Result { get; internal set; }
    public string? Reason { get; internal set; }

    /// <summary>Counts the due instants this task has had: 1 at opening, one more each time it moves.</summary>
    public int DueVersion { get; internal set; } = 1;

    /// <summary>Why the task's clock is stopped now (supplement, suspension); empty while it runs.</summary>
    public IReadOnlySet<string> Stops => _stops;

    /// <summary>When the clock stopped; overlapping stops count once, from the first to the last.</summary>
    public DateTimeOffset? ClockStoppedAt { get; internal set; }

    public bool IsClockStopped => _stops.Count > 0;

    /// <summary>Supplement rounds requested so far, and extra rounds a supervisor allowed.</summary>
    public int SupplementRounds { get; internal set; }

    public int ExtraSupplementRounds { get; internal set; }

    /// <summary>What the last supplement notice listed as missing (一次性告知).</summary>
    public IReadOnlyList<string> Missing { get; internal set; } = [];

    public int ExtendedWorkingDays { get; internal set; }

    /// <summary>Every operation that moved this task's due, in order, for replaying it on a newer calendar.</summary>
    public IReadOnlyList<DueMove> DueMoves => _moves;

    private List<DueMove> _moves = [];

    internal void RecordMove(DueMove move) => _moves.Add(move);

    /// <summary>Keys (<see cref="CardPoint.Key"/>) of the alert points already issued on this task.</summary>
    public IReadOnlySet<string> CardsIssued => _cards;

    private HashSet<string> _cards = new(StringComparer.Ordinal);

    internal void RecordCard(string key) => _cards.Add(key);

    private HashSet<string> _stops = new(StringComparer.Ordinal);

    internal bool AddStop(string kind) => _stops.Add(kind);

    internal bool RemoveStop(string kind) => _stops.Remove(kind);

    internal TaskState Copy()
    {
        var copy = (TaskState)MemberwiseClone();
        copy._stops = new HashSet<string>(_stops, StringComparer.Ordinal);
        copy._cards = new HashSet<string>(_cards, StringComparer.Ordinal);
        copy._moves = [.. _moves];
        return copy;
    }
}
