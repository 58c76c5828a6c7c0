namespace Approval.Api.Tests.Infrastructure;

/// <summary>A clock tests set by hand (Microsoft.Extensions.TimeProvider.Testing is not served here).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
