using System.Diagnostics.Metrics;

namespace Approval.Persistence.Telemetry;

/// <summary>
/// The service's own instruments, on the meter <see cref="MeterName"/> (docs/operations.md lists each
/// one with what to alert on). Created from the host's <see cref="IMeterFactory"/>, so a test's
/// <see cref="MeterListener"/> sees only its own service's measurements.
/// </summary>
/// <remarks>Thread safe; recording with no listener costs a null check.</remarks>
public sealed class ApprovalMetrics
{
    /// <summary>The meter's name, which exporters subscribe to.</summary>
    public const string MeterName = "Approval";

    private readonly Counter<long> _commands;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _cards;
    private readonly Histogram<double> _cardLateness;
    private readonly Counter<long> _replays;
    private OutboxSample _outbox;

    public ApprovalMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _commands = Meter.CreateCounter<long>("approval.commands", "{command}", "Commands run against cases, by command type and outcome (accepted, refused, failed).");
        _batchSize = Meter.CreateHistogram<int>("approval.commit.batch_size", "{write}", "Case writes made durable by one database commit (group commit).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitDuration = Meter.CreateHistogram<double>("approval.commit.duration", "s", "Time of one group commit, from its first statement to the end of COMMIT.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1] });
        _cards = Meter.CreateCounter<long>("approval.cards.issued", "{card}", "Supervision cards recorded, by level (yellow, red, ...).");
        _cardLateness = Meter.CreateHistogram<double>("approval.timer.lateness", "s", "How long after its instant a card was recorded (the deadline engine's lateness).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600] });
        _replays = Meter.CreateCounter<long>("approval.idempotency.replays", "{request}", "Requests answered from a stored Idempotency-Key answer without running again.");
        Meter.CreateObservableGauge("approval.outbox.depth", () => Observe(_outbox.Pending), "{message}", "Alerts waiting for delivery (pending outbox messages).");
        Meter.CreateObservableGauge("approval.outbox.oldest_age", () => Observe(_outbox.OldestPendingAge), "s", "Age of the oldest undelivered alert; 0 when none waits.");
        Meter.CreateObservableGauge("approval.dead_letters", () => Observe(_outbox.Dead), "{message}", "Alerts given up after the retry age, waiting for a supervisor's redelivery.");
    }

    /// <summary>The meter every instrument above belongs to.</summary>
    public Meter Meter { get; }

    /// <summary>The last outbox reading, or null before the first (the gauges then report nothing).</summary>
    public OutboxSample? Outbox => _outbox.Sampled ? _outbox : null;

    public void CommandRan(string command, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    public void Committed(string provider, int writes, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("db.system", provider);
        _batchSize.Record(writes, tag);
        _commitDuration.Record(duration.TotalSeconds, tag);
    }

    public void CardIssued(string level, TimeSpan lateness)
    {
        var tag = new KeyValuePair<string, object?>("level", level);
        _cards.Add(1, tag);
        _cardLateness.Record(Math.Max(0, lateness.TotalSeconds), tag);
    }

    public void Replayed() => _replays.Add(1);

    /// <summary>Publishes a fresh outbox reading for the gauges (taken by a sampler, not at scrape time: a scrape must not query the database).</summary>
    public void OutboxSampled(long pending, TimeSpan oldestPendingAge, long dead) =>
        _outbox = new OutboxSample(true, pending, Math.Max(0, oldestPendingAge.TotalSeconds), dead);

    private IEnumerable<Measurement<T>> Observe<T>(T value)
        where T : struct =>
        _outbox.Sampled ? [new Measurement<T>(value)] : [];
}

/// <summary>One reading of the outbox: pending messages, the oldest one's age in seconds, dead letters.</summary>
public readonly record struct OutboxSample(bool Sampled, long Pending, double OldestPendingAge, long Dead);
