using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;

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

    /// <summary>Adds the write's counter changes to <paramref name="counters"/>.</summary>
    public void AddCounters(CounterChanges counters, CaseState before, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        if (Counters is { } sink)
        {
            counters.AddAll(sink.ChangesFor(before, workflow, events));
        }
    }
}
