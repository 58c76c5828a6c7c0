namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>Reads as the story: "the business clock is now at …". Only forward (FakeTimeProvider refuses going back).</summary>
internal static class ClockExtensions
{
    public static void Set(this FakeTimeProvider clock, DateTimeOffset to) => clock.SetUtcNow(to);
}
