namespace Approval.Supervision;

/// <summary>
/// The deadline engine and its alerts. Bound from the <c>Supervision</c> configuration section;
/// read once at start-up (changes need a restart).
/// </summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>Whether the scheduler runs at all in this process (a read-only replica may turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often due deadlines are swept. A card lands at most this long (plus one sweep's work)
    /// after its instant; the default keeps that under 5 s.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the outbox is polled for alerts to deliver.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows read per query by the sweep and the dispatcher.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How many due deadlines of different cases one sweep supervises at once.</summary>
    public int SweepParallelism { get; set; } = 8;

    /// <summary>Whether every alert is also written to the service log (channel <c>log</c>).</summary>
    public bool LogAlerts { get; set; } = true;

    /// <summary>Webhook subscriptions, each filtered by department and alert kind.</summary>
    public List<WebhookSubscription> Webhooks { get; set; } = [];

    public RetryOptions Retry { get; set; } = new();

    /// <summary>How long one webhook attempt may take before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
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
