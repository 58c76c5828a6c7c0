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
    private readonly SqliteCommand _insertCard;
    private readonly SqliteCommand _insertMessage;

    public SqliteSinkRowStatements(SqliteConnection connection)
    {
        _insertCard = SqliteCaseStatements.Insert(connection, "supervision_cards", SinkRows.CardColumns);
        _insertMessage = SqliteCaseStatements.Insert(connection, "outbox_messages", SinkRows.MessageColumns);
    }

    /// <summary>Inserts every row of <paramref name="rows"/> in the current transaction.</summary>
    public void Insert(SinkRows rows, SqliteTransaction transaction)
    {
        _insertCard.Transaction = transaction;
        _insertMessage.Transaction = transaction;
        foreach (var c in rows.Cards)
        {
            SqliteCaseStatements.Run(_insertCard, SinkRows.CardValues(c));
        }

        foreach (var m in rows.Messages)
        {
            SqliteCaseStatements.Run(_insertMessage, SinkRows.MessageValues(m));
        }
    }

    public void Dispose()
    {
        _insertCard.Dispose();
        _insertMessage.Dispose();
    }
}
