using System.Security.Cryptography;
using System.Text;

namespace Approval.Supervision.Alerts;

/// <summary>
/// Name-based ids (UUID version 8 over SHA-256): the same card always gets the same id, in every
/// process. That is what makes the card row's and the outbox row's primary keys a second guard of
/// exactly-once, and what keeps an alert's event id stable across retries and redeliveries.
/// </summary>
/// <remarks>Pure and thread safe.</remarks>
internal static class DeterministicId
{
    public static Guid From(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The id of one card (or silent approval) of one deadline version.</summary>
    public static Guid ForCard(Guid caseId, Guid? taskId, string level, int escalation, int dueVersion) =>
        From($"approval:card:{caseId:N}:{taskId?.ToString("N") ?? "case"}:{level}:{escalation}:{dueVersion}");

    /// <summary>The id of one alert's outbox row for one channel.</summary>
    public static Guid ForMessage(Guid eventId, string channel) => From($"approval:outbox:{eventId:N}:{channel}");
}
