namespace Approval.Bench.Timers;

/// <summary>
/// The system clock moved into the seeded period: business time flows at wall speed (timers must
/// fire on real time), starting just before the deadlines the scenario watches.
/// </summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
