namespace Approval.Security.Tests;

/// <summary>A clock that stands still until told to move (Microsoft's testing package is not served here).</summary>
internal sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
