namespace Approval.Persistence.Verification;

/// <summary>The ages past which <see cref="DatabaseVerifier"/> calls a pending row stuck; match the service's settings.</summary>
public sealed class VerificationOptions
{
    /// <summary>An alert still pending this long after its age began should be delivered or dead (Supervision:Retry:MaxAge); default 24 hours.</summary>
    public TimeSpan AlertAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A reservation in flight this long is orphaned (Idempotency:InFlightTimeout); default 5 minutes.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
