using System.Diagnostics;
using System.Threading.Channels;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Statistics;
using Approval.Persistence.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Approval.Persistence.Cases;

/// <summary>
/// Group commit for PostgreSQL. One durable commit costs a WAL flush, and a command saved through EF
/// built a context, tracked its rows and made several round trips. Here the writes waiting when a
/// group starts go to the server as one <see cref="NpgsqlBatch"/> (one round trip) in one transaction,
/// and one COMMIT makes them all durable; the statements are prepared once per writer connection.
/// </summary>
/// <remarks>
/// <para>
/// A group is all or nothing on the server, so a statement failing in it (a conflict: another node
/// wrote the case first, or a lost key reservation) rolls the group back and its writes are then run
/// one transaction each: only the write at fault is refused or failed, the others commit. A failing
/// COMMIT itself fails every write of the group, as a lost commit does for any single writer.
/// </para>
/// <para>
/// Durability is PostgreSQL's own (<c>synchronous_commit</c> as configured). <see cref="Writers"/>
/// loops share the queue so that one group is being collected while another waits for its flush.
/// No caller is answered before the commit that holds its write returns. Thread safe.
/// </para>
/// </remarks>
internal sealed class PostgresCommitQueue : ICaseCommitQueue
{
    /// <summary>Bounds one group: a bigger batch gains little once the flush is shared, and holds row locks longer.</summary>
    private const int MaxBatch = 64;

    private const int Writers = 2;

    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = false });
    private readonly string _connectionString;
    private readonly CommitSinks _sinks;
    private readonly ApprovalMetrics? _metrics;
    private readonly Task[] _writers;

    public PostgresCommitQueue(string connectionString, IReadOnlyList<ICaseEventSink> sinks, ApprovalMetrics? metrics)
    {
        // Auto-prepare: the handful of constant statements become server-side prepared statements on this connection.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2, Enlist = false }.ToString();
        _sinks = CommitSinks.Of(sinks);
        _metrics = metrics;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    public Task<bool> CommitAsync(CaseWrite write)
    {
        var entry = new Entry(write, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(entry), this);
        return entry.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        Writer? writer = null;
        var batch = new List<Entry>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                if (batch.Count == 0)
                {
                    continue; // the other writer took them
                }

                try
                {
                    writer ??= await Writer.OpenAsync(_connectionString);
                    await CommitAsync(writer, batch);
                }
                catch (Exception ex)
                {
                    // The connection is in doubt (server restart, network): every caller of the group hears so, the next group reconnects.
                    foreach (var entry in batch)
                    {
                        entry.Done.TrySetException(ex);
                    }

                    if (writer is not null)
                    {
                        await writer.DisposeAsync();
                        writer = null;
                    }
                }
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private async Task CommitAsync(Writer writer, List<Entry> batch)
    {
        var clock = Stopwatch.StartNew();
        NpgsqlTransaction? transaction = null;
        var failedBeforeCommit = false;
        try
        {
            transaction = await writer.Connection.BeginTransactionAsync();
            failedBeforeCommit = true;
            await WriteAsync(writer, transaction, batch);
            failedBeforeCommit = false;
            await transaction.CommitAsync();
        }
        catch (Exception) when (failedBeforeCommit)
        {
            await transaction!.RollbackAsync();
            writer.Db.ChangeTracker.Clear();
            await CommitOneByOneAsync(writer, batch);
            return;
        }
        finally
        {
            writer.Db.Database.UseTransaction(null);
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        _metrics?.Committed("postgresql", batch.Count, clock.Elapsed);
        foreach (var entry in batch)
        {
            entry.Done.TrySetResult(true);
        }
    }

    /// <summary>After a group failed: each write in a transaction of its own, so the fault stays with its write.</summary>
    private async Task CommitOneByOneAsync(Writer writer, List<Entry> batch)
    {
        foreach (var entry in batch)
        {
            var clock = Stopwatch.StartNew();
            await using var transaction = await writer.Connection.BeginTransactionAsync();
            try
            {
                await WriteAsync(writer, transaction, [entry]);
                await transaction.CommitAsync();
                _metrics?.Committed("postgresql", 1, clock.Elapsed);
                entry.Done.TrySetResult(true);
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                await transaction.RollbackAsync();
                entry.Done.TrySetResult(false);
            }
            catch (Exception ex)
            {
                entry.Done.TrySetException(ex);
                if (writer.Connection.State != System.Data.ConnectionState.Open)
                {
                    throw; // the rest of the group fails with it, and the loop reconnects
                }

                await transaction.RollbackAsync();
            }
            finally
            {
                writer.Db.Database.UseTransaction(null);
                writer.Db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The statements of the writes, their summed counter deltas, cards and outbox messages (one round
    /// trip), then the rows any other sink stages through EF.
    /// </summary>
    private async Task WriteAsync(Writer writer, NpgsqlTransaction transaction, IReadOnlyList<Entry> entries)
    {
        await using (var batch = new NpgsqlBatch(writer.Connection, transaction))
        {
            var appended = new PostgresCaseStatements.Appended[entries.Count];
            var counters = new CounterChanges();
            var rows = new SinkRows();
            for (var i = 0; i < entries.Count; i++)
            {
                var write = entries[i].Write;
                appended[i] = PostgresCaseStatements.Append(batch, write);
                _sinks.AddCounters(counters, write);
                _sinks.AddRows(rows, write);
            }

            PostgresCounterStatement.Append(batch, counters);
            PostgresSinkRowStatements.Append(batch, rows);

            await batch.ExecuteNonQueryAsync();
            for (var i = 0; i < entries.Count; i++)
            {
                if (!appended[i].CaseWritten)
                {
                    throw new WriteConflictException();
                }

                if (!appended[i].AnswerKept)
                {
                    throw new IdempotencyReservationLostException(entries[i].Write.Answer!.Request);
                }
            }
        }

        var db = writer.Db;
        foreach (var entry in entries)
        {
            foreach (var sink in _sinks.Staged)
            {
                sink.Stage(db, entry.Write.Before, entry.Write.After, entry.Write.Workflow, entry.Write.Events);
            }
        }

        db.ChangeTracker.DetectChanges();
        if (db.ChangeTracker.HasChanges())
        {
            await db.Database.UseTransactionAsync(transaction);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static bool IsConflict(Exception ex) => ex is WriteConflictException
        || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || (ex is DbUpdateException update && DatabaseSetup.IsWriteConflict(update));

    private sealed record Entry(CaseWrite Write, TaskCompletionSource<bool> Done);

    /// <summary>The case row was not at the version the command was decided on.</summary>
    private sealed class WriteConflictException : Exception;

    /// <summary>One writer loop's connection and the EF context for sink rows on it, kept for the loop's lifetime.</summary>
    private sealed class Writer(NpgsqlConnection connection, ApprovalDbContext db) : IAsyncDisposable
    {
        public NpgsqlConnection Connection { get; } = connection;

        public ApprovalDbContext Db { get; } = db;

        public static async Task<Writer> OpenAsync(string connectionString)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var db = new ApprovalDbContext(new DbContextOptionsBuilder<ApprovalDbContext>().UseNpgsql(connection).Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Database.AutoSavepointsEnabled = false;
            return new Writer(connection, db);
        }

        public async ValueTask DisposeAsync()
        {
            await Db.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
