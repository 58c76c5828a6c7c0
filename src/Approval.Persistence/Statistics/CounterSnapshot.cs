using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Approval.Persistence.Statistics;

/// <summary>
/// One read transaction for a page of counters. A reader adds the deltas not yet folded to the
/// folded rows; read in two statements without one snapshot, a fold committing between them
/// drops those deltas from the answer (a red task shown as none until the next refresh).
/// </summary>
/// <remarks>
/// SQLite: a deferred transaction, so the read takes no write lock and sees one WAL snapshot.
/// PostgreSQL: repeatable read (one snapshot). SQL Server: repeatable read, so a fold waits for the
/// page's few statements rather than changing rows under them.
/// </remarks>
public sealed class CounterSnapshot : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly SqliteTransaction? _sqlite;

    private CounterSnapshot(IDbContextTransaction transaction, SqliteTransaction? sqlite) => (_transaction, _sqlite) = (transaction, sqlite);

    public static async Task<CounterSnapshot> BeginAsync(ApprovalDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return new CounterSnapshot(await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken), null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var sqlite = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return new CounterSnapshot((await db.Database.UseTransactionAsync(sqlite, cancellationToken))!, sqlite);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }
    }
}
