namespace Approval.Persistence.Statistics;

/// <summary>One counter of one local day and department (table <c>supervision_daily</c>).</summary>
public sealed class DailyCounterRow
{
    public DateOnly Day { get; set; }
    public string Department { get; set; } = "";
    public string Counter { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>One counter of what is true now, per department (table <c>supervision_standing</c>).</summary>
public sealed class StandingCounterRow
{
    public string Department { get; set; } = "";
    public string Counter { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// A daily counter summed over every day, per department (table <c>supervision_totals</c>): the
/// all-time figures, kept in the transaction that folds the daily counters, so reading them costs
/// one row per department and counter however long the history.
/// </summary>
public sealed class TotalCounterRow
{
    public string Department { get; set; } = "";
    public string Counter { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// A change to a counter, appended in the transaction of the command that caused it (table
/// <c>supervision_deltas</c>). Appending never contends on a hot row; <see cref="CounterFolder"/>
/// folds the deltas into the counters every few seconds, and readers add the few not yet folded.
/// </summary>
public sealed class CounterDeltaRow
{
    public long Id { get; set; }

    /// <summary>The local day of a daily counter; null for a standing counter.</summary>
    public DateOnly? Day { get; set; }

    public string Department { get; set; } = "";
    public string Counter { get; set; } = "";
    public long Amount { get; set; }
}
