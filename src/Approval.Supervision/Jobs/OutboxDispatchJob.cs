using Approval.Supervision.Outbox;
using Quartz;

namespace Approval.Supervision.Jobs;

/// <summary>Quartz's recurring fire of the outbox dispatcher; not concurrent with itself.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "approval-supervision");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DispatchDueAsync(cancellationToken);
}
