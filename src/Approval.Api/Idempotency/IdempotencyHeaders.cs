namespace Approval.Api.Idempotency;

/// <summary>The header names of idempotent retries, and what a valid key looks like.</summary>
public static class IdempotencyHeaders
{
    /// <summary>The client's key for one logical call (request header).</summary>
    public const string Key = "Idempotency-Key";

    /// <summary><c>true</c> on a response served from the stored first answer (response header).</summary>
    public const string Replayed = "Idempotent-Replayed";

    public const int MaxKeyLength = 100;

    /// <summary>
    /// Why <paramref name="key"/> is not acceptable, or null when it is: 1–100 printable ASCII
    /// characters (space to tilde), not all blank, so it survives every proxy and log unchanged.
    /// </summary>
    public static string? Invalid(string key)
    {
        if (string.IsNullOrWhiteSpace(key)) return "The Idempotency-Key header is blank; send 1 to 100 printable ASCII characters, e.g. a UUID.";
        if (key.Length > MaxKeyLength) return $"The Idempotency-Key is {key.Length} characters long; at most {MaxKeyLength} are allowed.";
        if (key.Any(c => c is < ' ' or > '~')) return "The Idempotency-Key may contain only printable ASCII characters (space to ~), e.g. a UUID.";
        return null;
    }
}
