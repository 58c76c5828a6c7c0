using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Statistics;

/// <summary>
/// Inserts counter deltas on the SQLite writer connection, inside the batch transaction of the writes
/// they belong to (see <see cref="Cases.SqliteCommitQueue"/>): the same rows <see cref="CounterSink.Stage"/>
/// would have EF save, in EF's storage format (a day as <c>yyyy-MM-dd</c> text), one prepared statement.
/// </summary>
/// <remarks>Not thread safe: owned by the writer loop.</remarks>
internal sealed class SqliteCounterStatement : IDisposable
{
    private readonly SqliteCommand _insert;

    public SqliteCounterStatement(SqliteConnection connection)
    {
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO supervision_deltas (Day, Department, Counter, Amount) VALUES ($Day, $Department, $Counter, $Amount)";
        foreach (var name in new[] { "$Day", "$Department", "$Counter", "$Amount" })
        {
            _insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }
    }

    /// <summary>Inserts one row per non-zero counter of <paramref name="changes"/>.</summary>
    public void Insert(CounterChanges changes, SqliteTransaction transaction)
    {
        _insert.Transaction = transaction;
        foreach (var (key, amount) in changes.NonZero)
        {
            _insert.Parameters[0].Value = key.Day is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            _insert.Parameters[1].Value = key.Department;
            _insert.Parameters[2].Value = key.Counter;
            _insert.Parameters[3].Value = amount;
            _insert.ExecuteNonQuery();
        }
    }

    public void Dispose() => _insert.Dispose();
}
