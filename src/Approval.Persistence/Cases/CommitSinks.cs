using Approval.Persistence.Statistics;

namespace Approval.Persistence.Cases;

/// <summary>
/// A group commit's sinks, split once when the writer is made: the counter sink, whose deltas the
/// writer sums over a batch and inserts itself (every command has some); the row sinks, whose cards
/// and outbox messages it inserts with prepared statements; and the others, whose rows EF saves in
/// the batch's transaction.
/// </summary>
internal sealed class CommitSinks
{
    private CommitSinks(CounterSink? counters, ICaseRowSink[] rows, ICaseEventSink[] staged) => (Counters, Rows, Staged) = (counters, rows, staged);

    public CounterSink? Counters { get; }

    /// <summary>The sinks whose rows the writer inserts itself (<see cref="SinkRows"/>).</summary>
    public IReadOnlyList<ICaseRowSink> Rows { get; }

    /// <summary>Every other sink: staged into the writer's EF context.</summary>
    public IReadOnlyList<ICaseEventSink> Staged { get; }

    public static CommitSinks Of(IEnumerable<ICaseEventSink> sinks)
    {
        var all = sinks.ToList();
        return new CommitSinks(
            all.OfType<CounterSink>().SingleOrDefault(),
            [.. all.OfType<ICaseRowSink>()],
            [.. all.Where(s => s is not CounterSink and not ICaseRowSink)]);
    }

    /// <summary>Adds the write's counter changes to <paramref name="counters"/>: those it was prepared with, or worked out now.</summary>
    public void AddCounters(CounterChanges counters, CaseWrite write)
    {
        if (Counters is { } sink)
        {
            counters.AddAll(write.Counters ?? sink.ChangesFor(write.Before, write.Workflow, write.Events));
        }
    }

    /// <summary>Adds the write's card and outbox rows to <paramref name="rows"/>.</summary>
    public void AddRows(SinkRows rows, CaseWrite write)
    {
        foreach (var sink in Rows)
        {
            sink.Collect(rows, write.Before, write.After, write.Workflow, write.Events);
        }
    }
}
