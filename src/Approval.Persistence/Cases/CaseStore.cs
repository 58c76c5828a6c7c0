using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Rows;
using Approval.Persistence.Statistics;
using Approval.Persistence.Telemetry;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Persistence.Cases;

/// <summary>
/// Runs commands against stored cases: take the case's folded state, let the pure decider judge
/// the command, then write the new events, the case row and the task rows in one transaction.
/// </summary>
/// <remarks>
/// <para>
/// Concurrency is optimistic: the write succeeds only if the case still has the version it was
/// read at. When another writer got there first the command is decided again on fresh state,
/// so two departments approving at once both land and a join fires exactly once.
/// </para>
/// <para>
/// Hot path (see docs/benchmarks.md): the folded state of recently written cases is kept in
/// memory (<see cref="CaseStateCache"/>), safe because the version check rejects a decision made
/// on a stale state; a refusal decided on a cached state is decided again on a fresh load, since
/// another process may have moved the case on. On SQLite every write goes through one writer
/// connection that commits waiting writes together (<see cref="SqliteCommitQueue"/>), on PostgreSQL
/// waiting writes go as one batch in one transaction (<see cref="PostgresCommitQueue"/>); SQL Server
/// saves through EF with one context per command. Thread safe.
/// </para>
/// </remarks>
public sealed class CaseStore(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    WorkflowCatalog catalog,
    WorkingCalendar calendar,
    TimeProvider time,
    IOptions<DatabaseOptions> options,
    IEnumerable<ICaseEventSink> sinks,
    IEnumerable<ICaseCommitObserver> observers,
    ILogger<CaseStore> logger,
    ApprovalMetrics? metrics = null) : IAsyncDisposable
{
    private const int CacheCapacity = 4096;

    /// <summary>Cases one <see cref="PreloadAsync"/> reads: well inside the cache, and one query's worth.</summary>
    public const int PreloadLimit = 512;

    private readonly ICaseEventSink[] _sinks = [.. sinks];
    private readonly CounterSink? _counterSink = sinks.OfType<CounterSink>().SingleOrDefault();
    private readonly ICaseCommitObserver[] _observers = [.. observers];
    private readonly CaseStateCache _cache = new(CacheCapacity);
    private readonly CaseLocks _locks = new();
    private readonly Lock _queueGate = new();
    private ICaseCommitQueue? _queue;

    public async Task<LoadedCase?> LoadAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, caseId, cancellationToken);
    }

    /// <summary>
    /// Reads ahead, in one query, the states of cases about to get commands (a sweep's page of due
    /// deadlines), so each command finds its case in memory instead of paying a query of its own.
    /// At most <see cref="PreloadLimit"/> cases are read; the rest load as usual.
    /// </summary>
    /// <remarks>
    /// A state read here may be overtaken by another writer before its command runs; the command's
    /// version check then rejects it and the command is decided again on fresh state, as for any
    /// cached state.
    /// </remarks>
    public async Task PreloadAsync(IEnumerable<Guid> caseIds, CancellationToken cancellationToken = default)
    {
        var missing = caseIds.Distinct().Where(id => _cache.Get(id) is null).Take(PreloadLimit).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CaseEvents.AsNoTracking()
            .Where(e => missing.Contains(e.CaseId))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        foreach (var events in rows.GroupBy(r => r.CaseId))
        {
            var history = events.ToList();
            var state = CaseState.Fold(history.ConvertAll(r => EventSerializer.Deserialize(r.Payload)));
            _cache.TryAdd(new CachedCase(state, history[^1].Hash));
        }
    }

    /// <summary>Intake: starts a case on the given published version.</summary>
    public Task<CommandOutcome> StartAsync(PublishedWorkflow workflow, StartCase command, Actor actor, CancellationToken cancellationToken = default) =>
        CommandTelemetry.RunAsync(metrics, command.CaseId, command, () => RunAsync(command.CaseId, workflow, command, actor, cancellationToken));

    /// <summary>Any command on an existing case; a case that does not exist is refused as not found.</summary>
    public Task<CommandOutcome> ExecuteAsync(Guid caseId, CaseCommand command, Actor actor, CancellationToken cancellationToken = default) =>
        CommandTelemetry.RunAsync(metrics, caseId, command, () => RunAsync(caseId, null, command, actor, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        if (_queue is { } queue)
        {
            await queue.DisposeAsync();
        }
    }

    private async Task<CommandOutcome> RunAsync(Guid caseId, PublishedWorkflow? startOn, CaseCommand command, Actor actor, CancellationToken cancellationToken)
    {
        using var turn = await _locks.AcquireAsync(caseId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var cached = _cache.Get(caseId);
            // An intake's case is new: the first attempt does not look for it first, since the INSERT of
            // a case that exists is a conflict, and the next attempt decides again on what is stored.
            var presumeNew = startOn is not null && attempt == 1 && options.Value.ConcurrencyRetries > 1;
            var current = cached ?? (presumeNew ? null : await ReadAsync(caseId, cancellationToken));
            var state = current?.State ?? new CaseState();
            var workflow = startOn;
            if (workflow is null)
            {
                if (current is null)
                {
                    return CommandOutcome.Refused(Refusal.NotFound(RefusalCodes.CaseNotFound, $"There is no case {caseId}."));
                }

                workflow = catalog.Find(state.WorkflowId, state.WorkflowVersion)
                    ?? throw new InvalidOperationException($"Case {caseId} runs on {state.WorkflowId} v{state.WorkflowVersion}, which this service has not loaded.");
            }

            var context = new DecisionContext(workflow.Definition, workflow.Version, calendar, time.GetUtcNow(), actor);
            var decision = CaseDecider.Decide(state, command, context);
            if (decision.Refusal is { } refusal)
            {
                if (cached is not null)
                {
                    // Another process may have moved the case on; a refusal must rest on the stored truth.
                    _cache.Remove(caseId);
                    attempt--;
                    continue;
                }

                return CommandOutcome.Refused(refusal);
            }

            var after = decision.State;

            // A group commit inserts the counter changes itself; work them out here, off its one writer.
            var write = CaseWrite.Prepare(state, current?.LastHash ?? EventHashChain.Genesis, after, decision.Events, workflow, calendar, Queue() is null ? null : _counterSink);
            var outcome = new CommandOutcome(after, decision.Events, null);
            var call = IdempotentCall.Current;
            if (call is { CommittedAnswer: null } && await call.Render(outcome) is { } answer)
            {
                // The key's answer commits with the effect: a crash can no longer fall between them.
                write.Answer = new CommittedAnswer(call.Request, call.ReservedAt, answer, time.GetUtcNow().UtcDateTime);
            }

            if (await TryCommitAsync(write, attempt, cancellationToken))
            {
                _cache.Put(new CachedCase(after, write.LastHash));
                if (write.Answer is { } committed)
                {
                    call!.Committed(committed.Response);
                }

                NotifyCommitted(state, write);
                return outcome;
            }

            _cache.Remove(caseId);
            logger.LogDebug("Case {CaseId} changed under command {Command} (attempt {Attempt}); deciding again.", caseId, command.GetType().Name, attempt);
        }
    }

    private void NotifyCommitted(CaseState before, CaseWrite write)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        var commit = new CommittedCase(before, write.After, write.Events, write.Workflow, write.Case, [.. write.Tasks.Select(t => t.Row)]);
        foreach (var observer in _observers)
        {
            try
            {
                observer.Committed(commit);
            }
            catch (Exception ex)
            {
                // The write is durable and the caller must hear so; what the observer missed is found again from the rows.
                logger.LogError(ex, "Commit observer {Observer} failed for case {CaseId}.", observer.GetType().Name, write.After.CaseId);
            }
        }
    }

    /// <summary>True when written; false on a write conflict that may be retried; throws on the last attempt's conflict.</summary>
    private async Task<bool> TryCommitAsync(CaseWrite write, int attempt, CancellationToken cancellationToken)
    {
        var retries = options.Value.ConcurrencyRetries;
        if (Queue() is { } queue)
        {
            // Not cancellable once queued: the write may already be in the committing batch.
            return await queue.CommitAsync(write) || (attempt < retries
                ? false
                : throw new DbUpdateConcurrencyException($"Case {write.After.CaseId} kept changing under the command; gave up after {attempt} attempts."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        write.StageIn(db);
        foreach (var sink in _sinks)
        {
            sink.Stage(db, write.Before, write.After, write.Workflow, write.Events);
        }

        try
        {
            if (write.Answer is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }

            // The key's completion is a statement of its own; one transaction makes it and the effect one commit.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (!await IdempotencyStore.CompleteInAsync(db, write.Answer, cancellationToken))
            {
                throw new IdempotencyReservationLostException(write.Answer.Request);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DatabaseSetup.IsWriteConflict(ex) && attempt < retries)
        {
            return false;
        }
    }

    /// <summary>
    /// On SQLite, the Idempotency-Key reservation's INSERT as a statement of the case writer's next
    /// batch (<see cref="ICaseCommitQueue.TryReserveAsync"/>); null on the other providers, whose
    /// writers do not share one lock, so the caller inserts on its own connection.
    /// </summary>
    internal Task<bool>? TryReserveOnWriter(IdempotencyKeyRow reservation) => Queue()?.TryReserveAsync(reservation);

    /// <summary>
    /// On SQLite, the outbox write <paramref name="work"/> as a step of the case writer's next batch
    /// (<see cref="ICaseCommitQueue.TryRunAsync"/>); null on the other providers.
    /// </summary>
    internal Task<bool>? TryRunOnWriter(Action<SqliteOutboxStatements> work) => Queue()?.TryRunAsync(work);

    private ICaseCommitQueue? Queue()
    {
        if (Volatile.Read(ref _queue) is { } made)
        {
            return made; // every command and keyed request asks: no lock once it exists
        }

        var settings = options.Value;
        if (settings.Provider is not (DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql))
        {
            return null;
        }

        lock (_queueGate)
        {
            return _queue ??= CaseCommitQueues.Create(settings, _sinks, metrics);
        }
    }

    private async Task<CachedCase?> ReadAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await LoadAsync(db, caseId, cancellationToken);
        return loaded is null ? null : new CachedCase(loaded.State, loaded.Rows[^1].Hash);
    }

    private static async Task<LoadedCase?> LoadAsync(ApprovalDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == caseId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var events = rows.ConvertAll(r => EventSerializer.Deserialize(r.Payload));
        return new LoadedCase(CaseState.Fold(events), rows, events);
    }
}
