using System.Collections.Concurrent;
using System.Threading.Channels;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Cases;

namespace Approval.Api.Screen;

/// <summary>One change the screen shows at once: a case started, a task finished, a card issued.</summary>
/// <param name="Kind"><c>case-started</c>, <c>task-finished</c> or <c>card-issued</c>.</param>
/// <param name="Level">The card's level, or the task's outcome (<c>approved</c>, <c>rejected</c>).</param>
public sealed record LiveChange(string Kind, Guid CaseId, string WorkflowId, Guid? TaskId, string? Department, string? Level, DateTimeOffset At);

/// <summary>
/// Hears every committed command of this process (<see cref="ICaseCommitObserver"/>) and passes the
/// changes the screen cares about to each open <c>GET /api/supervision/live</c> stream. A slow
/// browser loses its oldest changes, never slows a command: each subscriber's buffer is bounded.
/// </summary>
/// <remarks>
/// On PostgreSQL, <see cref="PostgresLiveRelay"/> passes every node's commits to every other node's
/// feed (LISTEN/NOTIFY). Should a notification be lost (the listening connection broke), a page
/// still refetches the figures on every heartbeat, so it is never more than one heartbeat behind.
/// Thread safe.
/// </remarks>
public sealed class LiveFeed : ICaseCommitObserver
{
    private const int BufferPerSubscriber = 256;
    private readonly ConcurrentDictionary<Guid, Channel<LiveChange>> _subscribers = new();

    public void Committed(CommittedCase commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (_subscribers.IsEmpty)
        {
            return;
        }

        foreach (var change in ChangesOf(commit))
        {
            Publish(change);
        }
    }

    /// <summary>Passes <paramref name="change"/> to every open stream (a change heard from another node, or this one's).</summary>
    public void Publish(LiveChange change)
    {
        foreach (var channel in _subscribers.Values)
        {
            channel.Writer.TryWrite(change);
        }
    }

    /// <summary>The changes of one commit the screen shows: cases started, tasks finished, cards issued.</summary>
    public static IEnumerable<LiveChange> ChangesOf(CommittedCase commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var after = commit.After;
        foreach (var e in commit.Events)
        {
            LiveChange? change = e switch
            {
                CaseStarted s => new("case-started", s.CaseId, s.WorkflowId, null, null, null, e.At),
                TaskApproved a => new("task-finished", after.CaseId, after.WorkflowId, a.TaskId, after.FindTask(a.TaskId)?.Department, "approved", e.At),
                TaskRejected r => new("task-finished", after.CaseId, after.WorkflowId, r.TaskId, after.FindTask(r.TaskId)?.Department, "rejected", e.At),
                CardIssued c => new("card-issued", after.CaseId, after.WorkflowId, c.TaskId, c.TaskId is { } t ? after.FindTask(t)?.Department : null, c.Level, e.At),
                _ => null,
            };
            if (change is not null)
            {
                yield return change;
            }
        }
    }

    /// <summary>The changes from now on, until <paramref name="cancellationToken"/> ends the subscription.</summary>
    public async IAsyncEnumerable<LiveChange> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<LiveChange>(new BoundedChannelOptions(BufferPerSubscriber) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers[id] = channel;
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }

    /// <summary>How many streams are open (for tests and health).</summary>
    public int Subscribers => _subscribers.Count;
}
