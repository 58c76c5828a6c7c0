namespace Approval.Bench.Http;

/// <summary>
/// How hard and how long to drive the service: concurrent clients, a warm-up that is not counted,
/// then either a measured duration or (smoke runs) a fixed number of cases.
/// </summary>
/// <param name="IdempotencyKeys">Every request carries a fresh Idempotency-Key.</param>
public sealed record LoadSettings(int Clients, TimeSpan Warmup, TimeSpan Duration, long? MaxCases, bool IdempotencyKeys = false)
{
    public static LoadSettings Smoke { get; } = new(2, TimeSpan.Zero, TimeSpan.FromSeconds(30), 6);
}
