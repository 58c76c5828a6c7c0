using Approval.Persistence.Supervision;
using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Cases;

/// <summary>
/// Inserts the cards and outbox messages of <see cref="SinkRows"/> on the SQLite writer connection,
/// inside the batch transaction of the writes they belong to (see <see cref="SqliteCommitQueue"/>):
/// the rows EF would save, column for column, in EF's storage format, two prepared statements. A
/// duplicate key fails the insert with SQLITE_CONSTRAINT, as EF's save failed, so the queue's
/// handling of a refused card is unchanged.
/// </summary>
/// <remarks>Not thread safe: owned by the writer loop.</remarks>
internal sealed class SqliteSinkRowStatements : IDisposable
{
    private static readonly string[] CardColumns = ["Id", "CaseId", "TaskId", "WorkflowId", "StepId", "Department", "Level", "Escalation", "DeadlineAt", "DueVersion", "CardAt", "IssuedAt"];

    private static readonly string[] MessageColumns =
        ["Id", "EventId", "Channel", "Kind", "CaseId", "Department", "Payload", "Status", "CreatedAt", "AgeFrom", "Attempts", "NextAttemptAt", "LastAttemptAt", "DeliveredAt", "DeadAt", "LastError"];

    private readonly SqliteCommand _insertCard;
    private readonly SqliteCommand _insertMessage;

    public SqliteSinkRowStatements(SqliteConnection connection)
    {
        _insertCard = Insert(connection, "supervision_cards", CardColumns);
        _insertMessage = Insert(connection, "outbox_messages", MessageColumns);
    }

    /// <summary>Inserts every row of <paramref name="rows"/> in the current transaction.</summary>
    public void Insert(SinkRows rows, SqliteTransaction transaction)
    {
        _insertCard.Transaction = transaction;
        _insertMessage.Transaction = transaction;
        foreach (var c in rows.Cards)
        {
            Run(_insertCard, c.Id, c.CaseId, c.TaskId, c.WorkflowId, c.StepId, c.Department, c.Level, c.Escalation, Utc(c.DeadlineAt), c.DueVersion, Utc(c.CardAt), Utc(c.IssuedAt));
        }

        foreach (var m in rows.Messages)
        {
            Run(_insertMessage, m.Id, m.EventId, m.Channel, m.Kind, m.CaseId, m.Department, m.Payload, m.Status, Utc(m.CreatedAt), Utc(m.AgeFrom), m.Attempts,
                Utc(m.NextAttemptAt), Utc(m.LastAttemptAt), Utc(m.DeliveredAt), Utc(m.DeadAt), m.LastError);
        }
    }

    public void Dispose()
    {
        _insertCard.Dispose();
        _insertMessage.Dispose();
    }

    /// <summary>What EF's <see cref="UtcDateTimeConverter"/> stores for the instant.</summary>
    internal static DateTime? Utc(DateTime? value) => value is not { } v ? null
        : v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc);

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = SqliteCaseStatements.Value(values[i]);
        }

        command.ExecuteNonQuery();
    }

    private static SqliteCommand Insert(SqliteConnection connection, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var name in columns)
        {
            command.Parameters.Add(new SqliteParameter("$" + name, DBNull.Value));
        }

        return command;
    }
}
