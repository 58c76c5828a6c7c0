namespace Approval.Bench.Deadlines;

/// <summary>A clock the scenario sets by hand: the sweep asks it what is due.</summary>
internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
