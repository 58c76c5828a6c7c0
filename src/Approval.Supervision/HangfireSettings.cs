namespace Approval.Supervision;

/// <summary>
/// The Hangfire server and storage under <c>Supervision:Hangfire</c>. Hangfire paces itself on the
/// machine's clock; what is due is always decided on the service's business clock.
/// </summary>
public sealed class HangfireSettings
{
    /// <summary>
    /// How often the Hangfire scheduler moves due delayed jobs (timers) to the queue. A card lands at
    /// most about this long after its instant; Hangfire's own default is 15 s.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often an idle worker polls the queue (SQL Server, and PostgreSQL with <see cref="LongPolling"/> off; in-memory storage is signalled).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// PostgreSQL: idle workers wait on LISTEN/NOTIFY (Hangfire.PostgreSql's <c>EnableLongPolling</c>)
    /// and poll the queue only every <see cref="LongPollingFallbackInterval"/>. Ten workers polling
    /// every 0.2 s cost a PostgreSQL node about a tenth of a core while idle (docs/benchmarks.md).
    /// </summary>
    public bool LongPolling { get; set; } = true;

    /// <summary>
    /// With <see cref="LongPolling"/>: how often a worker polls anyway. A notification lost with its
    /// LISTEN connection (Hangfire.PostgreSql issue 410) delays a queued job by at most this long.
    /// </summary>
    public TimeSpan LongPollingFallbackInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Hangfire workers in this process: timers, the safety net and deliveries run on them.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>How long finished jobs stay visible in the dashboard. The audit trail is in our own tables.</summary>
    public TimeSpan JobRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The schema of Hangfire's tables on PostgreSQL and SQL Server (created by Hangfire at first start).</summary>
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>
    /// PostgreSQL: after this long a Hangfire lock is taken to be its holder's, dead or alive. A node
    /// killed while it ran the safety net holds that lock, so the other nodes' safety net waits up to
    /// this long (new alerts and retries do not: delivery takes no lock). Sweeps on two nodes at once
    /// are harmless (the engine refuses a card twice), so short is safe.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
