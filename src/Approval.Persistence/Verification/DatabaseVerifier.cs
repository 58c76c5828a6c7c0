using Approval.Engine.Cases.Events;
using Approval.Persistence.Audit;
using Approval.Persistence.Cases;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Verification;

/// <summary>
/// Checks a service database against the invariants the engine promises (docs/reliability.md):
/// open tasks belong to open cases, a parallel step joins once, every hash chain is intact, no card
/// is issued twice, no alert is left undelivered past its age, no idempotency reservation is
/// orphaned. Read-only; run by <c>approval verify</c> and at the end of the crash tests.
/// </summary>
/// <remarks>
/// "Now" comes from the injected <see cref="TimeProvider"/>. Flows run each step at most once per
/// case (no loops in the definition language), so "one join per parallel step run" is one
/// <c>join-completed</c> event per case and step. Thread safe: each check uses its own context.
/// </remarks>
public sealed class DatabaseVerifier(IDbContextFactory<ApprovalDbContext> dbFactory, TimeProvider time, VerificationOptions options)
{
    public const int MaxExamples = 5;

    public const string OpenTasks = "open-tasks-in-open-cases";
    public const string OneJoin = "one-join-per-parallel-step";
    public const string HashChains = "hash-chains-intact";
    public const string NoCardTwice = "no-card-twice";
    public const string AlertsDelivered = "no-alert-undelivered-past-its-age";
    public const string NoOrphanedKeys = "no-orphaned-idempotency-reservation";

    /// <summary>Every invariant, in a fixed order.</summary>
    public async Task<IReadOnlyList<InvariantResult>> VerifyAsync(CancellationToken cancellationToken = default) =>
    [
        await OpenTasksAsync(cancellationToken),
        await JoinsAsync(cancellationToken),
        await ChainsAsync(cancellationToken),
        await CardsAsync(cancellationToken),
        await AlertsAsync(cancellationToken),
        await KeysAsync(cancellationToken),
    ];

    private async Task<InvariantResult> OpenTasksAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = db.Tasks.AsNoTracking().Where(t => t.ClosedAt == null);
        var total = await open.CountAsync(cancellationToken);
        var stray = await open
            .Where(t => !db.Cases.Any(c => c.Id == t.CaseId && c.EndedAt == null))
            .Select(t => new { t.Id, t.CaseId, t.StepId })
            .ToListAsync(cancellationToken);
        return Result(OpenTasks, "Every open task belongs to a case that exists and has not ended.", total,
            stray.Select(t => $"task {t.Id} ({t.StepId}) is open but case {t.CaseId} has ended or does not exist"));
    }

    private async Task<InvariantResult> JoinsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CaseEvents.AsNoTracking().Where(e => e.Type == "join-completed")
            .Select(e => new { e.CaseId, e.Sequence, e.Payload }).ToListAsync(cancellationToken);
        var twice = rows
            .GroupBy(r => (r.CaseId, ((JoinCompleted)EventSerializer.Deserialize(r.Payload)).StepId))
            .Where(g => g.Count() > 1)
            .Select(g => $"case {g.Key.CaseId} joined {g.Key.StepId} {g.Count()} times (events {string.Join(", ", g.Select(r => r.Sequence))})");
        return Result(OneJoin, "Each parallel step of a case completes its join exactly once.", rows.Count, twice);
    }

    private async Task<InvariantResult> ChainsAsync(CancellationToken cancellationToken)
    {
        var checkedCases = 0;
        var broken = new List<string>();
        await foreach (var audit in new AuditVerifier(dbFactory).VerifyAllAsync(cancellationToken))
        {
            checkedCases++;
            if (!audit.Valid)
            {
                broken.Add($"case {audit.CaseId}: {audit.Break!.Value.Code()} at event {audit.FirstBrokenSequence}: {audit.Problem}");
            }
        }

        return Result(HashChains, "Every case's event history hashes into an unbroken chain ending at its version.", checkedCases, broken);
    }

    private async Task<InvariantResult> CardsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cards = db.Set<SupervisionCardRow>().AsNoTracking();
        var total = await cards.CountAsync(cancellationToken);
        var rowTwice = await cards
            .GroupBy(c => new { c.CaseId, c.TaskId, c.Level, c.Escalation, c.DueVersion })
            .Where(g => g.Count() > 1)
            .Select(g => new { g.Key.CaseId, g.Key.TaskId, g.Key.Level, g.Key.Escalation, g.Key.DueVersion, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // The history holds the same fact as the row: a card issued twice there is as wrong.
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.Type == "card-issued")
            .Select(e => new { e.CaseId, e.Payload }).ToListAsync(cancellationToken);
        var eventTwice = events
            .Select(e => (e.CaseId, Card: (CardIssued)EventSerializer.Deserialize(e.Payload)))
            .GroupBy(e => (e.CaseId, e.Card.TaskId, e.Card.Level, e.Card.Escalation, e.Card.DueVersion))
            .Where(g => g.Count() > 1)
            .Select(g => $"case {g.Key.CaseId} records {g.Count()} {g.Key.Level} cards for task {g.Key.TaskId?.ToString() ?? "(case limit)"}, due version {g.Key.DueVersion}");
        return Result(NoCardTwice, "No card (level, escalation, due version) is issued twice for the same case and task, in rows or in the history.", total,
            rowTwice.Select(c => $"{c.Count} {c.Level} card rows for case {c.CaseId}, task {c.TaskId?.ToString() ?? "(case limit)"}, due version {c.DueVersion}").Concat(eventTwice));
    }

    private async Task<InvariantResult> AlertsAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.AlertAge;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = db.Set<OutboxMessageRow>().AsNoTracking();
        var total = await messages.CountAsync(cancellationToken);
        var stuck = await messages.Where(m => m.Status == OutboxStatus.Pending && m.AgeFrom < cutoff)
            .Select(m => new { m.EventId, m.Channel, m.Kind, m.AgeFrom }).ToListAsync(cancellationToken);
        return Result(AlertsDelivered, $"Every alert is delivered or dead-lettered within {options.AlertAge} of its age starting.", total,
            stuck.Select(m => $"{m.Kind} alert {m.EventId} to {m.Channel} pending since {m.AgeFrom:o}"));
    }

    private async Task<InvariantResult> KeysAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.InFlightTimeout;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = db.Set<IdempotencyKeyRow>().AsNoTracking();
        var total = await keys.CountAsync(cancellationToken);
        var orphans = await keys.Where(k => k.Status == IdempotencyKeyStatus.InFlight && k.CreatedAt < cutoff)
            .Select(k => new { k.UserId, k.Key, k.Method, k.Path, k.CreatedAt }).ToListAsync(cancellationToken);
        return Result(NoOrphanedKeys, $"No Idempotency-Key stays in flight longer than {options.InFlightTimeout}.", total,
            orphans.Select(k => $"key '{k.Key}' of {k.UserId} ({k.Method} {k.Path}) in flight since {k.CreatedAt:o}"));
    }

    private static InvariantResult Result(string name, string description, int total, IEnumerable<string> violations)
    {
        var all = violations.ToList();
        return new InvariantResult(name, description, total, all.Count, [.. all.Take(MaxExamples)]);
    }
}
