namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>
/// The business clock of a test: stands still until moved (Microsoft's testing package is not served
/// here). Only <see cref="GetUtcNow"/> is faked; timers stay real, which is all the deadline engine
/// asks of it — Quartz paces itself on the system clock. Thread safe.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref _ticks, to.UtcTicks);
}
