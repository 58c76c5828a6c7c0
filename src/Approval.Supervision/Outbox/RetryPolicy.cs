namespace Approval.Supervision.Outbox;

/// <summary>
/// When to try a failed delivery again: exponential back-off (InitialDelay · 2^(n−1), capped at
/// MaxDelay) with "equal jitter" — half the delay fixed, half random — so that many alerts failing
/// together (a receiver down) do not come back in one burst, yet never sooner than half the delay.
/// </summary>
/// <remarks>Thread safe.</remarks>
public static class RetryPolicy
{
    /// <summary>The delay after the <paramref name="failures"/>-th failed attempt (1-based).</summary>
    public static TimeSpan Delay(RetryOptions options, int failures, double random)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var raw = options.InitialDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * Math.Clamp(random, 0, 1)));
    }

    /// <summary>True when a message counted from <paramref name="ageFrom"/> has been failing for too long and is dead-lettered.</summary>
    public static bool IsExpired(RetryOptions options, DateTimeOffset ageFrom, DateTimeOffset now) => now - ageFrom >= options.MaxAge;
}
