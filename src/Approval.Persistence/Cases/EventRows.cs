using Approval.Engine.Cases.Events;
using Approval.Persistence.Rows;

namespace Approval.Persistence.Cases;

/// <summary>
/// The stored form of events: payload JSON, stable type name, actor columns, and the hash chain
/// (<see cref="EventHashChain"/>). The one definition of that format, for the store and for
/// anything that writes history directly (benchmark seeding, audit tests).
/// </summary>
public static class EventRows
{
    /// <summary>Rows for <paramref name="events"/> appended after event <paramref name="previousSequence"/>, chained from <paramref name="previousHash"/>.</summary>
    public static List<CaseEventRow> Chain(Guid caseId, int previousSequence, string previousHash, IEnumerable<CaseEvent> events)
    {
        var rows = new List<CaseEventRow>();
        var hash = previousHash;
        var sequence = previousSequence;
        foreach (var e in events)
        {
            sequence++;
            var (type, payload) = EventSerializer.Write(e);
            hash = EventHashChain.Next(hash, caseId, sequence, payload);
            rows.Add(new CaseEventRow
            {
                CaseId = caseId,
                Sequence = sequence,
                Type = type,
                At = e.At.UtcDateTime,
                ActorId = e.Actor.UserId,
                ActorRoles = string.Join(',', e.Actor.Roles),
                ActorDepartment = e.Actor.Department,
                Payload = payload,
                Hash = hash,
            });
        }

        return rows;
    }
}
