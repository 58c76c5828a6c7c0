using System.Diagnostics;
using System.Threading.Channels;
using Approval.Persistence.Telemetry;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Cases;

/// <summary>
/// Group commit for SQLite. SQLite has one writer at a time, and a durable commit costs an fsync;
/// concurrent commands contending for the lock through separate connections made Microsoft.Data.Sqlite
/// back off in 150 ms sleeps. Instead every case write of this process goes through one writer
/// connection: the writes waiting when a batch starts run in one transaction, each inside its own
/// savepoint (so one command's conflict rolls back only its own rows), and one COMMIT — one fsync —
/// makes them all durable. No caller is answered before the commit that holds its write returns.
/// </summary>
/// <remarks>
/// Durability is unchanged: WAL with <c>synchronous=FULL</c>. Other processes on the same file (a
/// second node, a tool) still take turns through SQLite's lock; the writer waits for them with
/// <c>busy_timeout</c>. Thread safe: any number of callers, one writer loop.
/// </remarks>
internal sealed class SqliteCommitQueue : ICaseCommitQueue
{
    /// <summary>Bounds one transaction, so a burst cannot hold the lock (and delay other processes) for long.</summary>
    private const int MaxBatch = 256;

    /// <summary>Commits between checkpoints: about SQLite's default of 1,000 WAL pages at this write size.</summary>
    private const int CheckpointEvery = 100;

    // Synchronous continuations: the only waiter is the writer's own blocked thread, so a write wakes it
    // directly instead of through a thread-pool work item, which waits behind the pool's queue.
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly string _connectionString;
    private readonly CommitSinks _sinks;
    private readonly ApprovalMetrics? _metrics;
    private readonly Task _writer;

    public SqliteCommitQueue(string connectionString, IReadOnlyList<ICaseEventSink> sinks, ApprovalMetrics? metrics = null)
    {
        _connectionString = connectionString;
        _sinks = CommitSinks.Of(sinks);
        _metrics = metrics;
        // A thread of its own, kept to the end: Microsoft.Data.Sqlite's work is synchronous, so an async
        // loop would run every bind, step and fsync on a thread-pool thread after its first await. In a
        // due burst those blocked pool threads starved the sweep's commands of the two cores' pool.
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Durably commits the write; false when the case changed since it was read (decide again).</summary>
    public Task<bool> CommitAsync(CaseWrite write)
    {
        var entry = new Entry(write, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)) { Values = SqliteCaseStatements.ValuesOf(write) };
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(entry), this);

        return entry.Done.Task;
    }

    /// <summary>
    /// Inserts an Idempotency-Key's reservation in the writer's next batch; false when the key is
    /// taken. On its own connection the INSERT would queue for SQLite's one write lock behind the
    /// batches, in Microsoft.Data.Sqlite's 150 ms busy sleeps; here it costs a statement of a shared
    /// commit.
    /// </summary>
    public Task<bool>? TryReserveAsync(IdempotencyKeyRow reservation)
    {
        var entry = new Entry(null, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), reservation);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(entry), this);

        return entry.Done.Task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the writer's next batch, in a savepoint of its own, with the writer's
    /// outbox statements inside the batch's transaction; completes once that batch has committed (false:
    /// it hit a constraint and was rolled back). For the outbox dispatcher's writes, which on a
    /// connection of their own waited for this writer's lock in Microsoft.Data.Sqlite's 150 ms sleeps,
    /// each sleep holding a thread-pool thread.
    /// </summary>
    public Task<bool>? TryRunAsync(Action<SqliteOutboxStatements> work)
    {
        var entry = new Entry(null, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)) { Work = work };
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(entry), this);

        return entry.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private void WriteLoop()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            // FULL: the WAL is fsynced at every commit, so an answered command survives power loss.
            // Checkpoints are run by the write loop between batches, not inside a caller's commit.
            // temp_store MEMORY keeps the statement journal of each write's savepoint (the pages as they
            // were before the write, to roll back to) in memory: in a temporary file it took 3.5 times
            // the write calls of the WAL itself. It is never needed after a crash: the WAL is the truth.
            pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 60000; PRAGMA wal_autocheckpoint = 0; PRAGMA temp_store = MEMORY;";
            pragmas.ExecuteNonQuery();
        }

        using var statements = new SqliteCaseStatements(connection);
        using var answers = new SqliteAnswerStatement(connection);
        using var counters = new SqliteCounterStatement(connection);
        using var rows = new SqliteSinkRowStatements(connection);
        using var outbox = new SqliteOutboxStatements(connection);

        // One EF context for the sinks' rows, for the writer's lifetime: creating one per batch cost more than the write.
        using var db = new ApprovalDbContext(DatabaseSetup.SqliteOptionsOn(connection));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.AutoSavepointsEnabled = false; // each write already has its own savepoint
        var writer = new Writer(connection, statements, answers, counters, rows, outbox, db, _sinks);
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        var commitsSinceCheckpoint = 0;
        var batch = new List<Entry>(MaxBatch);
        while (WaitForWrites())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            var started = Stopwatch.GetTimestamp();
            if (Commit(writer, batch))
            {
                _metrics?.Committed("sqlite", batch.Count, Stopwatch.GetElapsedTime(started));
            }

            // Checkpoint here, after the batch's callers have their answers, instead of inside the commit
            // that crosses SQLite's threshold (which charged one caller a database-file write and fsync).
            // It must run on this connection, between writes: a checkpoint on another connection never
            // catches up with a writer that never pauses, and the WAL then grows without bound.
            if (++commitsSinceCheckpoint >= CheckpointEvery)
            {
                commitsSinceCheckpoint = 0;
                checkpoint.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Blocks the writer's own thread until a write waits; false once the queue is completed and empty.</summary>
    private bool WaitForWrites()
    {
        var ready = _queue.Reader.WaitToReadAsync();
        return ready.IsCompleted ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>False when the batch did not commit (every caller has heard why).</summary>
    private static bool Commit(Writer writer, List<Entry> batch)
    {
        // The sinks' rows of the whole batch go together: the counter deltas summed into one row per
        // counter, cards and outbox messages by prepared statements, any other sink's rows in one
        // SaveChanges; one per write cost more than the write itself. If those inserts fail — a unique key refusing a duplicate card, say — the batch is rolled
        // back and written again with a savepoint around each write's rows, so the duplicate loses
        // only its own write.
        var outcome = TryCommit(writer, batch, sinkRowsTogether: true);
        if (outcome == BatchOutcome.Abandoned)
        {
            outcome = TryCommit(writer, batch, sinkRowsTogether: false);
        }

        return outcome == BatchOutcome.Committed;
    }

    /// <summary>How one attempt at a batch ended.</summary>
    private enum BatchOutcome
    {
        /// <summary>Committed; every caller has its answer.</summary>
        Committed,

        /// <summary>Nothing committed; every caller has heard why.</summary>
        Failed,

        /// <summary>The batched sink rows failed: nothing committed or answered, so write it again one write's rows at a time.</summary>
        Abandoned,
    }

    private static BatchOutcome TryCommit(Writer writer, List<Entry> batch, bool sinkRowsTogether)
    {
        var (connection, statements, answers, db) = (writer.Connection, writer.Cases, writer.Answers, writer.Db);
        var outcomes = new Exception?[batch.Count];
        var written = new bool[batch.Count];
        var counters = new CounterChanges();
        var rows = new SinkRows();
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            db.Database.UseTransaction(transaction);
            statements.Enlist(transaction);
            writer.Outbox.Enlist(transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                transaction.Save("w");
                try
                {
                    // A reservation or a work item is one step in its savepoint, released like every write's below.
                    written[i] = batch[i] switch
                    {
                        { Reservation: { } reservation } => answers.Reserve(reservation, transaction),
                        { Work: { } work } => Run(work, writer.Outbox),
                        _ => statements.Write(batch[i].Values!),
                    };
                    if (written[i] && batch[i].Write is not null)
                    {
                        if (batch[i].Write!.Answer is { } answer && !answers.Complete(answer, transaction))
                        {
                            throw new IdempotencyReservationLostException(answer.Request);
                        }

                        if (!sinkRowsTogether)
                        {
                            var (own, ownRows) = (new CounterChanges(), new SinkRows());
                            StageSinkRows(writer, batch[i], own, ownRows);
                            writer.Counters.Insert(own, transaction);
                            writer.Rows.Insert(ownRows, transaction);
                            SaveSinkRows(db);
                        }
                        else if (!TryStageSinkRows(writer, batch[i], counters, rows))
                        {
                            return Abandon(transaction, db);
                        }
                    }
                    else if (!written[i])
                    {
                        transaction.Rollback("w");
                    }
                }
                catch (Exception ex) when (ex is SqliteException { SqliteErrorCode: 19 } || (ex is DbUpdateException update && DatabaseSetup.IsWriteConflict(update)))
                {
                    // SQLITE_CONSTRAINT: the case was created, or event N appended, by another writer: a conflict.
                    // Nothing of this write was staged yet: its rows are staged last.
                    transaction.Rollback("w");
                    written[i] = false;
                }
                catch (Exception ex)
                {
                    transaction.Rollback("w");
                    outcomes[i] = ex;
                }
                finally
                {
                    if (!sinkRowsTogether)
                    {
                        db.ChangeTracker.Clear();
                    }
                }

                transaction.Release("w");
            }

            if (sinkRowsTogether)
            {
                try
                {
                    writer.Counters.Insert(counters, transaction);
                    writer.Rows.Insert(rows, transaction);
                    SaveSinkRows(db);
                }
                catch (Exception ex) when (ex is DbUpdateException or SqliteException)
                {
                    return Abandon(transaction, db);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            transaction.Commit();
            db.Database.UseTransaction(null);
        }
        catch (Exception ex)
        {
            // The batch did not commit: nothing of it is durable, and every caller hears so.
            db.Database.UseTransaction(null);
            db.ChangeTracker.Clear();
            foreach (var entry in batch)
            {
                entry.Done.TrySetException(ex);
            }

            return BatchOutcome.Failed;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } failure)
            {
                batch[i].Done.TrySetException(failure);
            }
            else
            {
                batch[i].Done.TrySetResult(written[i]);
            }
        }

        return BatchOutcome.Committed;
    }

    private static bool Run(Action<SqliteOutboxStatements> work, SqliteOutboxStatements outbox)
    {
        work(outbox);
        return true;
    }

    /// <summary>Rolls the whole batch back, so it can be written again one write's rows at a time.</summary>
    private static BatchOutcome Abandon(SqliteTransaction transaction, ApprovalDbContext db)
    {
        transaction.Rollback();
        db.Database.UseTransaction(null);
        db.ChangeTracker.Clear();
        return BatchOutcome.Abandoned;
    }

    /// <summary>
    /// Extra rows the sinks want with these events: counter deltas added to <paramref name="counters"/>
    /// (inserted by <see cref="SqliteCounterStatement"/>), cards and outbox messages to <paramref name="rows"/>
    /// (inserted by <see cref="SqliteSinkRowStatements"/>), any other sink's rows staged in the EF
    /// context that saves them in the same transaction.
    /// </summary>
    private static void StageSinkRows(Writer writer, Entry entry, CounterChanges counters, SinkRows rows)
    {
        var write = entry.Write!;
        writer.Sinks.AddCounters(counters, write);
        writer.Sinks.AddRows(rows, write);
        foreach (var sink in writer.Sinks.Staged)
        {
            sink.Stage(writer.Db, write.Before, write.After, write.Workflow, write.Events);
        }
    }

    /// <summary>Stages the rows for the batch's one save; false when a sink failed (part of its rows may be staged).</summary>
    private static bool TryStageSinkRows(Writer writer, Entry entry, CounterChanges counters, SinkRows rows)
    {
        try
        {
            StageSinkRows(writer, entry, counters, rows);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static void SaveSinkRows(ApprovalDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        if (db.ChangeTracker.HasChanges())
        {
            db.SaveChanges(acceptAllChangesOnSuccess: false);
        }
    }

    /// <summary>A case write, or (with <see cref="Write"/> null) an Idempotency-Key's reservation or a work item.</summary>
    private sealed record Entry(CaseWrite? Write, TaskCompletionSource<bool> Done, IdempotencyKeyRow? Reservation = null)
    {
        /// <summary>An outbox write of this process, run with the writer's statements (<see cref="TryRunAsync"/>).</summary>
        public Action<SqliteOutboxStatements>? Work { get; init; }

        /// <summary>The write's statement values, made by the caller (<see cref="SqliteCaseStatements.ValuesOf"/>).</summary>
        public SqliteCaseStatements.Values? Values { get; init; }
    }

    /// <summary>The writer loop's connection with its prepared statements, its EF context for the other sink rows, and the sinks.</summary>
    private sealed record Writer(SqliteConnection Connection, SqliteCaseStatements Cases, SqliteAnswerStatement Answers, SqliteCounterStatement Counters, SqliteSinkRowStatements Rows, SqliteOutboxStatements Outbox, ApprovalDbContext Db, CommitSinks Sinks);
}

