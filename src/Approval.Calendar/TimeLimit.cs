namespace Approval.Calendar;

/// <summary>
/// A statutory time limit (限时办结): either a number of working days (工作日) or a number of
/// office hours on working days (即办件). Exactly one of the two is set.
/// </summary>
/// <remarks>Immutable and thread safe.</remarks>
public sealed record TimeLimit
{
    private TimeLimit(int? workingDays, int? hours)
    {
        WorkingDays = workingDays;
        Hours = hours;
    }

    /// <summary>Whole working days; the start day does not count (民法典 art. 201).</summary>
    public int? WorkingDays { get; }

    /// <summary>Office hours counted on working days only.</summary>
    public int? Hours { get; }

    public static TimeLimit OfWorkingDays(int days) =>
        days >= 0 ? new TimeLimit(days, null) : throw new ArgumentOutOfRangeException(nameof(days), days, "A time limit cannot be negative.");

    public static TimeLimit OfHours(int hours) =>
        hours >= 0 ? new TimeLimit(null, hours) : throw new ArgumentOutOfRangeException(nameof(hours), hours, "A time limit cannot be negative.");

    public override string ToString() => WorkingDays is { } d ? $"{d} working days" : $"{Hours} office hours";
}
