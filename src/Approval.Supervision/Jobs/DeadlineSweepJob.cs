using Approval.Supervision.Sweep;
using Quartz;

namespace Approval.Supervision.Jobs;

/// <summary>
/// Quartz's recurring fire of the deadline sweep. Not concurrent with itself: a sweep that takes
/// longer than the interval delays the next one rather than racing it. Clustered (PostgreSQL),
/// one node fires each interval; on SQLite every process sweeps, which is still exactly once per card.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(DeadlineSweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("deadline-sweep", "approval-supervision");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sweeper.SweepAsync(cancellationToken);
}
