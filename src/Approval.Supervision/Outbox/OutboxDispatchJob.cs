using Hangfire;

namespace Approval.Supervision.Outbox;

/// <summary>
/// Alert delivery as a Hangfire job: enqueued at once after a commit that recorded alerts, and
/// recurring (<see cref="SupervisionOptions.DispatchInterval"/>) for the retries the outbox rows
/// schedule. Runs may overlap; the dispatcher's per-message claim keeps each attempt single.
/// The type and method names are stored in Hangfire: do not rename them.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
[Queue(Queue)]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    public const string RecurringId = "approval-outbox-dispatch";

    /// <summary>Its own queue, fetched before the timers' (<c>default</c>): an alert does not wait behind a burst of timers.</summary>
    public const string Queue = "alerts";

    public Task<int> RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchDueAsync(cancellationToken);
}
