namespace Approval.Persistence.Idempotency;

/// <summary>
/// One client's Idempotency-Key: reserved (<see cref="IdempotencyKeyStatus.InFlight"/>) before the
/// call runs, then holding the response that call gave, so a retry gets that response verbatim.
/// </summary>
/// <remarks>Keys are scoped by <see cref="UserId"/>: two clerks choosing the same key never meet.</remarks>
public sealed class IdempotencyKeyRow
{
    public string UserId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Method { get; set; } = "";

    /// <summary>Path and query string of the first request.</summary>
    public string Path { get; set; } = "";

    /// <summary>SHA-256 of the first request's body, lower-case hex.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary><see cref="IdempotencyKeyStatus"/> as text.</summary>
    public string Status { get; set; } = IdempotencyKeyStatus.InFlight;

    public int? ResponseStatus { get; set; }
    public byte[]? ResponseBody { get; set; }
    public string? ResponseContentType { get; set; }

    /// <summary>The Location header of the response (a 201 names what it created); replayed with it.</summary>
    public string? ResponseLocation { get; set; }

    /// <summary>When the key was reserved (UTC); retention and the in-flight timeout count from here.</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}

/// <summary>The two states of a key's row.</summary>
public static class IdempotencyKeyStatus
{
    /// <summary>Reserved: the first request is running (or its node died; see <see cref="IdempotencyOptions.InFlightTimeout"/>).</summary>
    public const string InFlight = "InFlight";

    /// <summary>The response is stored and is what every retry gets.</summary>
    public const string Completed = "Completed";
}
