namespace Approval.Persistence.Idempotency;

/// <summary>
/// What identifies a retry: the user's key, and the method, path and body hash that a retry under
/// that key must repeat exactly.
/// </summary>
public sealed record IdempotentRequest(string UserId, string Key, string Method, string Path, string RequestHash)
{
    internal bool IsSameCallAs(IdempotencyKeyRow row) =>
        string.Equals(row.Method, Method, StringComparison.Ordinal)
        && string.Equals(row.Path, Path, StringComparison.Ordinal)
        && string.Equals(row.RequestHash, RequestHash, StringComparison.Ordinal);
}

/// <summary>A response as stored for replay: status, content type, Location and the body bytes, verbatim.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>What <see cref="IdempotencyStore.ReserveAsync"/> found.</summary>
public enum ReservationOutcome
{
    /// <summary>The key is now this request's: run the call, then complete or release.</summary>
    Reserved,

    /// <summary>The same call already finished: answer with <see cref="Reservation.Response"/> and run nothing.</summary>
    Replay,

    /// <summary>The key was used for a different call (method, path or body).</summary>
    Mismatch,

    /// <summary>The same call is still running under this key.</summary>
    InFlight,
}

/// <summary>
/// The answer of <see cref="IdempotencyStore.ReserveAsync"/>. When <see cref="Outcome"/> is
/// <see cref="ReservationOutcome.Reserved"/>, <see cref="ReservedAt"/> is the token that
/// <see cref="IdempotencyStore.CompleteAsync"/> and <see cref="IdempotencyStore.ReleaseAsync"/> need.
/// </summary>
public sealed record Reservation(ReservationOutcome Outcome, DateTime ReservedAt, StoredResponse? Response = null);
