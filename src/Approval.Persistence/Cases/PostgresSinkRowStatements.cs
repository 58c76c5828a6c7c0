using Approval.Persistence.Supervision;
using Npgsql;

namespace Approval.Persistence.Cases;

/// <summary>
/// The cards and outbox messages of <see cref="SinkRows"/> as statements of a PostgreSQL group's
/// <see cref="NpgsqlBatch"/> (see <see cref="PostgresCommitQueue"/>): the same round trip as the case
/// statements, constant SQL texts with positional parameters (auto-prepared like them), the values
/// EF's Npgsql provider writes. A duplicate key fails the group with <c>unique_violation</c>, as EF's
/// save did, so the queue's handling of a refused card is unchanged.
/// </summary>
internal static class PostgresSinkRowStatements
{
    private static readonly string InsertCard = PostgresCaseStatements.Insert("supervision_cards", SinkRows.CardColumns);
    private static readonly string InsertMessage = PostgresCaseStatements.Insert("outbox_messages", SinkRows.MessageColumns);

    /// <summary>Appends one insert per row of <paramref name="rows"/>; nothing when there is none.</summary>
    public static void Append(NpgsqlBatch batch, SinkRows rows)
    {
        foreach (var c in rows.Cards)
        {
            batch.BatchCommands.Add(PostgresCaseStatements.Command(InsertCard, SinkRows.CardValues(c)));
        }

        foreach (var m in rows.Messages)
        {
            batch.BatchCommands.Add(PostgresCaseStatements.Command(InsertMessage, SinkRows.MessageValues(m)));
        }
    }
}
