namespace Approval.Persistence.Idempotency;

/// <summary>How long Idempotency-Keys live. Bound from the <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key (and its stored response) is kept after it was first used; default 24 hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A reservation still in flight after this long is taken to be abandoned (its node died between
    /// reserving and storing the answer) and the next retry runs the call. Keep it far above the
    /// longest request; default 5 minutes.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The Retry-After (seconds) told to a client whose retry meets the first call still running.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Throws when a setting cannot work, naming it.</summary>
    public void Validate()
    {
        if (Retention <= TimeSpan.Zero) throw new InvalidOperationException("Idempotency:Retention must be positive.");
        if (InFlightTimeout <= TimeSpan.Zero) throw new InvalidOperationException("Idempotency:InFlightTimeout must be positive.");
        if (RetryAfterSeconds < 1) throw new InvalidOperationException("Idempotency:RetryAfterSeconds must be at least 1.");
    }
}
