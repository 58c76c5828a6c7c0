using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Approval.Supervision.Channels;

/// <summary>
/// The webhook signature scheme: <c>X-Approval-Signature: sha256=&lt;lowercase hex HMAC-SHA256&gt;</c>
/// keyed with the subscription's secret over the UTF-8 bytes of <c>"{timestamp}.{body}"</c>, where
/// timestamp is <c>X-Approval-Timestamp</c> (Unix seconds). Signing the timestamp lets receivers
/// refuse replays older than a few minutes.
/// </summary>
/// <remarks>Pure and thread safe.</remarks>
public static class WebhookSignature
{
    public const string EventIdHeader = "X-Approval-Event-Id";
    public const string TimestampHeader = "X-Approval-Timestamp";
    public const string SignatureHeader = "X-Approval-Signature";
    public const string KindHeader = "X-Approval-Kind";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string timestamp, string body, string signature)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
