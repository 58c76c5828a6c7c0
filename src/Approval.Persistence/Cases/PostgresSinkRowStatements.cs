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
    private static readonly string InsertCard = Insert("supervision_cards",
        ["Id", "CaseId", "TaskId", "WorkflowId", "StepId", "Department", "Level", "Escalation", "DeadlineAt", "DueVersion", "CardAt", "IssuedAt"]);

    private static readonly string InsertMessage = Insert("outbox_messages",
        ["Id", "EventId", "Channel", "Kind", "CaseId", "Department", "Payload", "Status", "CreatedAt", "AgeFrom", "Attempts", "NextAttemptAt", "LastAttemptAt", "DeliveredAt", "DeadAt", "LastError"]);

    /// <summary>Appends one insert per row of <paramref name="rows"/>; nothing when there is none.</summary>
    public static void Append(NpgsqlBatch batch, SinkRows rows)
    {
        foreach (var c in rows.Cards)
        {
            batch.BatchCommands.Add(Command(InsertCard,
                c.Id, c.CaseId, c.TaskId, c.WorkflowId, c.StepId, c.Department, c.Level, c.Escalation, Utc(c.DeadlineAt), c.DueVersion, Utc(c.CardAt), Utc(c.IssuedAt)));
        }

        foreach (var m in rows.Messages)
        {
            batch.BatchCommands.Add(Command(InsertMessage,
                m.Id, m.EventId, m.Channel, m.Kind, m.CaseId, m.Department, m.Payload, m.Status, Utc(m.CreatedAt), Utc(m.AgeFrom), m.Attempts,
                Utc(m.NextAttemptAt), Utc(m.LastAttemptAt), Utc(m.DeliveredAt), Utc(m.DeadAt), m.LastError));
        }
    }

    private static DateTime? Utc(DateTime? value) => SqliteSinkRowStatements.Utc(value);

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private static string Insert(string table, string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})";
}
