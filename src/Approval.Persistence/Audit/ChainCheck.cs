using System.Text;
using System.Text.Json;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;

namespace Approval.Persistence.Audit;

/// <summary>
/// Recomputes one case's hash chain from its stored rows — the pure part of
/// <see cref="AuditVerifier"/>: hash(n) = SHA-256(hash(n-1) | caseId | n | payload), from genesis "".
/// </summary>
/// <remarks>
/// The chain alone cannot see events cut off the end (every remaining hash still holds), so the
/// case row's version — the number of events it was written with — is compared too. Stateless;
/// thread safe.
/// </remarks>
public static class ChainCheck
{
    // PostgreSQL keeps microseconds; the payload keeps .NET's 100 ns ticks.
    private static readonly TimeSpan TimeTolerance = TimeSpan.FromMilliseconds(1);

    /// <param name="caseId">The case the rows belong to.</param>
    /// <param name="rows">Its stored events, in ascending <see cref="CaseEventRow.Sequence"/>.</param>
    /// <param name="recordedVersion">The case row's version, or null when the case row is missing.</param>
    public static CaseAudit Check(Guid caseId, IReadOnlyList<CaseEventRow> rows, int? recordedVersion)
    {
        var previousHash = EventHashChain.Genesis;
        var lastHash = rows.Count == 0 ? "" : rows[^1].Hash;
        CaseAudit Broken(int? sequence, AuditBreak kind, string problem) => new(caseId, rows.Count, sequence, kind, problem, lastHash);

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var expected = i + 1;
            if (row.Sequence != expected)
            {
                return Broken(expected, AuditBreak.MissingEvent,
                    $"Event {expected} is missing (the next stored event is {row.Sequence}): it was deleted.");
            }

            var hash = EventHashChain.Next(previousHash, caseId, row.Sequence, row.Payload);
            if (!string.Equals(hash, row.Hash, StringComparison.Ordinal))
            {
                return Broken(row.Sequence, AuditBreak.HashMismatch,
                    $"Event {row.Sequence} ({row.Type}) does not match its hash: its payload was rewritten, or events were reordered.");
            }

            if (ColumnDisagreement(row) is { } column)
            {
                return Broken(row.Sequence, AuditBreak.ColumnMismatch,
                    $"Event {row.Sequence} ({row.Type}): the stored {column} disagrees with the hashed payload: the column was rewritten.");
            }

            previousHash = hash;
        }

        if (recordedVersion is null)
        {
            return Broken(null, AuditBreak.CountMismatch, $"The case row is missing although {rows.Count} event(s) are stored.");
        }

        if (recordedVersion > rows.Count)
        {
            var first = rows.Count + 1;
            return Broken(first, AuditBreak.MissingEvent,
                $"Event {first}{(recordedVersion > first ? $"–{recordedVersion}" : "")} is missing: the case row counts {recordedVersion} event(s) but only {rows.Count} are stored; the last were deleted.");
        }

        if (recordedVersion < rows.Count)
        {
            var first = recordedVersion.Value + 1;
            return Broken(first, AuditBreak.CountMismatch,
                $"Event {first} was stored without the case's write: the case row counts {recordedVersion} event(s) but {rows.Count} are stored.");
        }

        return new CaseAudit(caseId, rows.Count, null, null, null, lastHash);
    }

    /// <summary>
    /// The name of the first denormalized column (type, time, actor) that disagrees with the
    /// hashed payload, or null. A payload this build cannot read is not judged: that is version
    /// skew, not tampering, and its hash already holds.
    /// </summary>
    private static string? ColumnDisagreement(CaseEventRow row)
    {
        Engine.Cases.Events.CaseEvent e;
        try
        {
            e = EventSerializer.Deserialize(row.Payload);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }

        if (!string.Equals(TypeOf(row.Payload), row.Type, StringComparison.Ordinal)) return "type";
        if ((DateTime.SpecifyKind(row.At, DateTimeKind.Utc) - e.At.UtcDateTime).Duration() >= TimeTolerance) return "time";
        if (!string.Equals(e.Actor.UserId, row.ActorId, StringComparison.Ordinal)) return "actor";
        if (!string.Equals(string.Join(',', e.Actor.Roles), row.ActorRoles, StringComparison.Ordinal)) return "actor roles";
        if (!string.Equals(e.Actor.Department, row.ActorDepartment, StringComparison.Ordinal)) return "actor department";
        return null;
    }

    private static string? TypeOf(string payload)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(payload));
        return document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
    }
}
