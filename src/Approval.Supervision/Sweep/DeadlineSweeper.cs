using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Sweep;

/// <summary>
/// The deadline engine's one move: find every task and case whose <c>NextAlertAt</c> has passed (an
/// indexed range scan) and run <see cref="SuperviseDeadline"/> on each through the <see cref="CaseStore"/>.
/// The engine decides which cards are due and refuses one that was already issued, so sweeping twice,
/// on two nodes at once, or after a restart never issues a card twice.
/// </summary>
/// <remarks>
/// Thread safe. Sweeps in one process are serialized (the start-up catch-up and the safety net may
/// overlap); sweeps in different processes are not, and need not be. The sweep is the safety net's
/// first half; the deadline timers (<see cref="Timers.InstantTimerJob"/>, one per alert instant) run it at each instant.
/// </remarks>
public sealed class DeadlineSweeper(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    CaseStore store,
    TimeProvider time,
    IOptions<SupervisionOptions> options,
    ILogger<DeadlineSweeper> logger) : IDisposable
{
    /// <summary>A deadline that keeps failing is retried on every sweep; this bounds one sweep's pages so a crowd of them cannot hold it forever.</summary>
    private const int MaxPages = 100;

    private const int MinPage = 2_000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Supervises every deadline due at the injected clock's now.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await SweepOnceAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SweepResult> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // A page of at least MinPage: a burst's cases then commit in groups as large as the parallelism allows.
        var batch = Math.Max(options.Value.BatchSize, MinPage);
        // Deadlines tried in this sweep are not tried again in it: a refused or failing one stays due
        // (its NextAlertAt does not move), and must not fill every page.
        var tried = new HashSet<(Guid, Guid?)>();
        int issued = 0, done = 0, failed = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            var (due, complete) = await FindDueAsync(now, batch + tried.Count, cancellationToken);
            var fresh = due.Where(d => tried.Add((d.CaseId, d.TaskId))).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            // Different cases are supervised side by side so the store can commit them together (one
            // fsync for a batch on SQLite); commands on one case still take turns inside the store.
            // Their states are read a chunk at a time in one query, the next chunk while this one runs.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.SweepParallelism, CancellationToken = cancellationToken };
            // The due deadlines of one case (its tasks sharing a close of day) are one command: one fold and one write.
            var chunks = fresh.GroupBy(d => d.CaseId).Select(g => g.ToArray()).Chunk(CaseStore.PreloadLimit).ToList();
            var preload = PreloadAsync(chunks[0], cancellationToken);
            for (var c = 0; c < chunks.Count; c++)
            {
                await preload;
                preload = c + 1 < chunks.Count ? PreloadAsync(chunks[c + 1], cancellationToken) : Task.CompletedTask;
                await Parallel.ForEachAsync(chunks[c], parallel, async (deadlines, ct) =>
                {
                    var (i, d, f) = await SuperviseCaseAsync(deadlines, ct);
                    Interlocked.Add(ref issued, i);
                    Interlocked.Add(ref done, d);
                    Interlocked.Add(ref failed, f);
                });
            }

            await preload;

            if (complete)
            {
                break; // that page held every due deadline there was
            }
        }

        if (issued + failed > 0)
        {
            logger.LogInformation("Deadline sweep at {Now:O}: {Issued} issued, {Done} already done, {Failed} failed.", now, issued, done, failed);
        }

        return new SweepResult(issued, done, failed);
    }

    /// <summary>Reads the chunk's cases ahead; a failure only means each command reads its own case.</summary>
    private async Task PreloadAsync(DueDeadline[][] chunk, CancellationToken cancellationToken)
    {
        try
        {
            await store.PreloadAsync(chunk.Select(d => d[0].CaseId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Reading {Count} due cases ahead failed; each is read by its own command.", chunk.Length);
        }
    }

    /// <summary>Due task deadlines and due case deadlines, earliest first, at most <paramref name="limit"/> of each; complete when neither was cut off.</summary>
    private async Task<(List<DueDeadline> Due, bool Complete)> FindDueAsync(DateTime now, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Ties broken by case, so a page holds all the due tasks of a case it reaches (one command for them).
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.NextAlertAt <= now)
            .OrderBy(t => t.NextAlertAt).ThenBy(t => t.CaseId)
            .Take(limit)
            .Select(t => new DueDeadline(t.CaseId, t.Id, t.DueVersion, t.NextAlertAt!.Value))
            .ToListAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.NextAlertAt <= now)
            .OrderBy(c => c.NextAlertAt)
            .Take(limit)
            .Select(c => new DueDeadline(c.Id, null, c.DueVersion, c.NextAlertAt!.Value))
            .ToListAsync(cancellationToken);
        return ([.. tasks.Concat(cases).OrderBy(d => d.NextAlertAt)], tasks.Count < limit && cases.Count < limit);
    }

    /// <summary>
    /// Supervises every given due deadline of one case in one command; answers how many were issued,
    /// found done, and failed (a failure fails them all: they stay due for the next sweep).
    /// </summary>
    private async Task<(int Issued, int Done, int Failed)> SuperviseCaseAsync(DueDeadline[] deadlines, CancellationToken cancellationToken)
    {
        if (deadlines.Length == 1)
        {
            return await SuperviseAsync(deadlines[0], cancellationToken) switch
            {
                true => (1, 0, 0),
                false => (0, 1, 0),
                _ => (0, 0, 1),
            };
        }

        var caseId = deadlines[0].CaseId;
        try
        {
            var command = new SuperviseDeadlines([.. deadlines.Select(d => new SuperviseDeadline(d.TaskId, d.DueVersion))]);
            var outcome = await store.ExecuteAsync(caseId, command, Actor.System, cancellationToken);
            if (!outcome.IsAccepted)
            {
                if (outcome.Refusal!.Code != RefusalCodes.NothingDue)
                {
                    logger.LogWarning("Supervision of {Count} deadlines of case {CaseId} refused: {Code} {Message}", deadlines.Length, caseId, outcome.Refusal.Code, outcome.Refusal.Message);
                }

                return (0, deadlines.Length, 0);
            }

            var acted = outcome.Events.Select(TaskOf).ToHashSet();
            var issued = deadlines.Count(d => acted.Contains(d.TaskId));
            return (issued, deadlines.Length - issued, 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Supervision of {Count} deadlines of case {CaseId} failed; they stay due and the safety net retries them.", deadlines.Length, caseId);
            return (0, 0, deadlines.Length);
        }
    }

    /// <summary>The deadline an event of a supervision acted on: a card's task (null: the case's own), or a task approved by silence.</summary>
    private static Guid? TaskOf(Approval.Engine.Cases.Events.CaseEvent e) => e switch
    {
        Approval.Engine.Cases.Events.CardIssued card => card.TaskId,
        Approval.Engine.Cases.Events.TaskApproved approved => approved.TaskId,
        _ => Guid.Empty,
    };

    /// <summary>
    /// Supervises one deadline through the engine (a timer's firing, or one row of a sweep).
    /// True: issued; false: nothing was due any more (done elsewhere, or the deadline moved); null: failed (logged).
    /// </summary>
    public async Task<bool?> SuperviseAsync(DueDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await store.ExecuteAsync(deadline.CaseId, new SuperviseDeadline(deadline.TaskId, deadline.DueVersion), Actor.System, cancellationToken);
            if (outcome.IsAccepted)
            {
                return true;
            }

            if (outcome.Refusal!.Code != RefusalCodes.NothingDue)
            {
                logger.LogWarning("Supervision of case {CaseId} task {TaskId} refused: {Code} {Message}", deadline.CaseId, deadline.TaskId, outcome.Refusal.Code, outcome.Refusal.Message);
            }

            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Supervision of case {CaseId} task {TaskId} failed; it stays due and the safety net retries it.", deadline.CaseId, deadline.TaskId);
            return null;
        }
    }
}
