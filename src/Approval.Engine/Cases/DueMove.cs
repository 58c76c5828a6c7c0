using Approval.Calendar;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>One operation that moved a deadline: a stopped interval, or an extension in working days.</summary>
public sealed record DueMove(DateTimeOffset? StoppedAt, DateTimeOffset? ResumedAt, int? ExtendedWorkingDays)
{
    internal static DueMove? From(DeadlineMoved moved) =>
        moved.StoppedAt is null && moved.ExtendedWorkingDays is null ? null : new(moved.StoppedAt, moved.ResumedAt, moved.ExtendedWorkingDays);

    /// <summary>
    /// The deadline computed afresh on <paramref name="calendar"/>: the limit from its start, then
    /// every recorded move in order. Used when a provisional year gets its calendar file.
    /// </summary>
    public static Deadline Replay(WorkingCalendar calendar, DateTimeOffset start, TimeLimit limit, IEnumerable<DueMove> moves)
    {
        var due = calendar.Due(start, limit);
        var provisional = due.Provisional;
        foreach (var move in moves)
        {
            due = move.ExtendedWorkingDays is { } days
                ? calendar.Add(due.At, TimeLimit.OfWorkingDays(days))
                : calendar.Resume(due.At, move.StoppedAt!.Value, move.ResumedAt!.Value, limit);
            provisional |= due.Provisional;
        }

        return due with { Provisional = provisional };
    }
}
