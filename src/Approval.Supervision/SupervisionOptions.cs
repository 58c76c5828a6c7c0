namespace Approval.Supervision;

/// <summary>
/// The deadline engine and its alerts. Bound from the <c>Supervision</c> configuration section;
/// read once at start-up (changes need a restart).
/// </summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>
    /// Whether this process runs the deadline timers, the safety net and alert delivery (a Hangfire
    /// server). A node with it off still records cards and alerts with its commands.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Only deadlines whose next alert point is at most this far ahead get a Hangfire timer; the
    /// safety net adds timers as deadlines come within it. Bounds the Hangfire jobs alive to the
    /// deadlines of the next few hours, however many tasks are open.
    /// </summary>
    public TimeSpan TimerHorizon { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long before its instant a timer's Hangfire job is scheduled (0 to 30 s). Hangfire stores
    /// instants in whole seconds and moves due jobs only every
    /// <see cref="HangfireSettings.SchedulePollingInterval"/>, so a job scheduled at the instant runs up
    /// to a poll and a second late; scheduled this much early it is already running, waiting on the
    /// business clock, when the instant comes.
    /// </summary>
    public TimeSpan TimerLead { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the safety net runs: it issues every deadline already due (a timer lost, failed or
    /// of a renamed job type) and schedules timers for deadlines coming within the horizon. Whole
    /// seconds dividing a minute, or whole minutes dividing an hour (it becomes a cron expression).
    /// </summary>
    public TimeSpan SafetyNetInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the outbox is scanned for retries that are due (same form as
    /// <see cref="SafetyNetInterval"/>). New alerts do not wait for it: a commit that wrote alerts
    /// enqueues a delivery at once.
    /// </summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Hangfire server and storage running the timers.</summary>
    public HangfireSettings Hangfire { get; set; } = new();

    /// <summary>Rows read per query by the dispatcher, and by the sweep (which reads at least 2,000, so a burst's cases commit in large groups).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many due deadlines of different cases one sweep (the safety net's, or the shared run a
    /// burst of timers starts) supervises at once. Their writes share commits (one fsync for a batch
    /// on SQLite), so a burst is carded about this many at a time.
    /// </summary>
    public int SweepParallelism { get; set; } = 32;

    /// <summary>Whether every alert is also written to the service log (channel <c>log</c>).</summary>
    public bool LogAlerts { get; set; } = true;

    /// <summary>Webhook subscriptions, each filtered by department and alert kind.</summary>
    public List<WebhookSubscription> Webhooks { get; set; } = [];

    public RetryOptions Retry { get; set; } = new();

    /// <summary>The feed of case events to the provincial government-service platform (docs/exchange.md).</summary>
    public ExchangeOptions Exchange { get; set; } = new();

    /// <summary>The alert webhook or exchange receiver an outbox channel name stands for, or null.</summary>
    public WebhookSubscription? FindWebhook(string name) =>
        Webhooks.Concat(Exchange.Receivers).FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal));

    /// <summary>How long one webhook attempt may take before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a dispatcher's claim on an outbox message lasts. Longer than <see cref="WebhookTimeout"/>,
    /// so a slow receiver is not sent the same alert by two nodes at once; it is also how long an alert
    /// waits after a node died mid-send before another node sends it again.
    /// </summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromSeconds(40);
}

/// <summary>One receiver of alerts by HTTP POST.</summary>
public sealed class WebhookSubscription
{
    /// <summary>Stable name: the outbox channel, so renaming it orphans undelivered alerts.</summary>
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key the receiver verifies <c>X-Approval-Signature</c> with.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Departments whose alerts this receiver gets; empty for every department (and the case-level cards).</summary>
    public List<string> Departments { get; set; } = [];

    /// <summary>Alert kinds this receiver gets (<c>yellow</c>, <c>red</c>, <c>escalation</c>, <c>approve-by-silence</c>); empty for all.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>Whether an alert of <paramref name="kind"/> for <paramref name="department"/> goes to this receiver.</summary>
    public bool Accepts(string kind, string? department) =>
        (Kinds.Count == 0 || Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
        && (Departments.Count == 0 || (department is not null && Departments.Contains(department, StringComparer.Ordinal)));
}

/// <summary>Retries of a failed delivery: exponential back-off with jitter, then a dead letter.</summary>
public sealed class RetryOptions
{
    /// <summary>The delay after the first failure; doubled after each further failure.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this long without success (from creation or the last redelivery) a message becomes a dead letter.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Receivers of the exchange feed: signed webhooks like the alert ones (same secret, headers,
/// retries and dead letters), each getting every record; their <c>Kinds</c> filter on record kinds.
/// Names must differ from the alert webhooks' (a name is an outbox channel).
/// </summary>
public sealed class ExchangeOptions
{
    public List<WebhookSubscription> Receivers { get; set; } = [];
}
