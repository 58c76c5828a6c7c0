using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Cases;

/// <summary>
/// Copies the write-ahead log back into the database file on its own connection every half second
/// (a PASSIVE checkpoint: it never blocks the writer or readers). SQLite's automatic checkpoint
/// would otherwise run inside whichever commit crossed 1,000 pages, adding a database-file write and
/// fsync to that command's answer. Durability does not depend on it: a commit is durable once the
/// WAL is fsynced.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _disposed;

    public WalCheckpointer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _timer = new Timer(_ => Checkpoint(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }

    private void Checkpoint()
    {
        if (!_gate.TryEnter())
        {
            return; // the previous checkpoint is still running
        }

        try
        {
            if (_disposed)
            {
                return;
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A busy or failed checkpoint is retried on the next tick; the WAL just grows a little meanwhile.
        }
        finally
        {
            _gate.Exit();
        }
    }
}
