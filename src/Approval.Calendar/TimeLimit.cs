namespace Approval.Calendar;

/// <summary>
/// A statutory time limit (限时办结), or any amount of calendar time: a number of working days
/// (工作日) or of office hours on working days (即办件). One amount in one unit, so there is no
/// state with neither or both.
/// </summary>
/// <remarks>Immutable and thread safe. <c>default</c> is zero working days.</remarks>
public readonly record struct TimeLimit
{
    private TimeLimit(int amount, TimeUnit unit)
    {
        Amount = amount;
        Unit = unit;
    }

    /// <summary>How many <see cref="Unit"/>s; never negative.</summary>
    public int Amount { get; }

    public TimeUnit Unit { get; }

    /// <summary>Whole working days; the start day does not count (民法典 art. 201).</summary>
    public bool IsWorkingDays => Unit == TimeUnit.WorkingDays;

    /// <summary>Office hours counted on working days only.</summary>
    public bool IsHours => Unit == TimeUnit.Hours;

    public static TimeLimit OfWorkingDays(int days) =>
        days >= 0 ? new TimeLimit(days, TimeUnit.WorkingDays) : throw new ArgumentOutOfRangeException(nameof(days), days, "A time limit cannot be negative.");

    public static TimeLimit OfHours(int hours) =>
        hours >= 0 ? new TimeLimit(hours, TimeUnit.Hours) : throw new ArgumentOutOfRangeException(nameof(hours), hours, "A time limit cannot be negative.");

    public override string ToString() => IsWorkingDays ? $"{Amount} working days" : $"{Amount} office hours";
}

/// <summary>The unit of a <see cref="TimeLimit"/>.</summary>
public enum TimeUnit
{
    /// <summary>Working days (工作日): weekends and holidays do not count, make-up working days do.</summary>
    WorkingDays,

    /// <summary>Office hours on working days.</summary>
    Hours,
}
