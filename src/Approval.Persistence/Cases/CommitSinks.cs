using Approval.Persistence.Statistics;

namespace Approval.Persistence.Cases;

/// <summary>
/// A group commit's sinks, split once when the writer is made: the counter sink, whose deltas the
/// writer sums over a batch and inserts itself (every command has some), and the others, whose rare
/// rows (cards, outbox) EF saves in the batch's transaction.
/// </summary>
internal sealed class CommitSinks
{
    private CommitSinks(CounterSink? counters, ICaseEventSink[] staged) => (Counters, Staged) = (counters, staged);

    public CounterSink? Counters { get; }

    /// <summary>Every sink but the counters: staged into the writer's EF context.</summary>
    public IReadOnlyList<ICaseEventSink> Staged { get; }

    public static CommitSinks Of(IEnumerable<ICaseEventSink> sinks)
    {
        var all = sinks.ToList();
        return new CommitSinks(all.OfType<CounterSink>().SingleOrDefault(), [.. all.Where(s => s is not CounterSink)]);
    }

    /// <summary>Adds the write's counter changes to <paramref name="counters"/>: those it was prepared with, or worked out now.</summary>
    public void AddCounters(CounterChanges counters, CaseWrite write)
    {
        if (Counters is { } sink)
        {
            counters.AddAll(write.Counters ?? sink.ChangesFor(write.Before, write.Workflow, write.Events));
        }
    }
}
