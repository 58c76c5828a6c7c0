namespace Approval.Persistence.Cases;

/// <summary>
/// Group commit: case writes of concurrent commands made durable together, by one writer that owns
/// its connection and prepared statements. Every write carries its own version check, and the key's
/// answer (if any) commits in the same transaction as its effect.
/// </summary>
internal interface ICaseCommitQueue : IAsyncDisposable
{
    /// <summary>Durably commits the write; false when the case changed since it was read (decide again).</summary>
    Task<bool> CommitAsync(CaseWrite write);

    /// <summary>
    /// Inserts an Idempotency-Key's reservation through this writer, when its provider needs that
    /// (SQLite: one write lock, so a second writer would wait for it); true when inserted, false when
    /// the key is taken. Null when the caller should insert on its own connection.
    /// </summary>
    Task<bool>? TryReserveAsync(Idempotency.IdempotencyKeyRow reservation) => null;

    /// <summary>
    /// Runs an outbox write of this process through this writer, when its provider needs that (SQLite:
    /// one write lock), with the writer's statements inside its transaction; completes once committed
    /// (false: it hit a constraint and was rolled back). Null when the caller should write on its own
    /// connection.
    /// </summary>
    Task<bool>? TryRunAsync(Action<SqliteOutboxStatements> work) => null;
}
