using Approval.Bench;
using Approval.Bench.Engine;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Microsoft.EntityFrameworkCore;

namespace Approval.Reliability.Tests;

/// <summary>One card, as the engine names it: exactly one may exist per key.</summary>
internal readonly record struct CardKey(Guid CaseId, Guid? TaskId, string Level, int Escalation, int DueVersion);

/// <summary>
/// Cases whose deadlines are already past, written into the running service's database (a process
/// has no fake clock to move, so the deadlines are put in the past instead): the rows the engine
/// itself made for an intake on <see cref="Start"/>, left open. The service's safety net finds them
/// due; <see cref="ExpectedCards"/> says, from the same pure engine, which cards that must issue.
/// </summary>
internal sealed class OverdueCases(Bundle bundle, IDbContextFactory<ApprovalDbContext> databases)
{
    /// <summary>
    /// A Monday in the shipped 2026 calendar, far enough back that every yellow, red and the policy's
    /// three escalations (every working day) are past: the set of due cards no longer grows with the clock.
    /// </summary>
    public static readonly DateTimeOffset Start = new(2026, 10, 12, 9, 0, 0, TimeSpan.FromHours(8));

    // Not thread safe: the scenario seeds one batch at a time.
    private readonly List<(Guid Id, DateTimeOffset Start)> _seeded = [];

    public int Count => _seeded.Count;

    public IReadOnlyCollection<Guid> CaseIds => [.. _seeded.Select(s => s.Id)];

    /// <summary>Writes <paramref name="count"/> overdue cases (every task open) in one transaction.</summary>
    public async Task SeedAsync(int count)
    {
        var made = Enumerable.Range(_seeded.Count, count).Select(n => Make(Guid.CreateVersion7(), Start.AddMinutes(n))).ToList();
        await using var db = await databases.CreateDbContextAsync();
        foreach (var run in made)
        {
            var state = run.State;
            db.Cases.Add(CaseProjection.Project(state, bundle.Definition, bundle.Calendar));
            db.Tasks.AddRange(state.Tasks.Select(t => CaseProjection.Project(t, state.CaseId, bundle.Definition, bundle.Calendar)));
            db.CaseEvents.AddRange(EventRows.Chain(state.CaseId, 0, EventHashChain.Genesis, run.Events));
        }

        await db.SaveChangesAsync();
        _seeded.AddRange(made.Select(r => (r.State.CaseId, r.Started)));
    }

    /// <summary>
    /// Every card the deadline engine owes the seeded cases at <paramref name="now"/>: each deadline
    /// supervised once by the pure engine, as the sweep does, on the state as seeded.
    /// </summary>
    public IReadOnlySet<CardKey> ExpectedCards(DateTimeOffset now)
    {
        var cards = new HashSet<CardKey>();
        foreach (var (id, started) in _seeded)
        {
            var state = Make(id, started).State;
            var context = new DecisionContext(bundle.Definition, 1, bundle.Calendar, now, Actor.System);
            var deadlines = state.Tasks.Where(t => t.Status.IsOpen()).Select(t => new SuperviseDeadline(t.TaskId, t.DueVersion))
                .Append(new SuperviseDeadline(null, state.DueVersion)).ToList();
            foreach (var command in deadlines)
            {
                var decision = CaseDecider.Decide(state, command, context);
                foreach (var e in decision.Refusal is null ? decision.Events : [])
                {
                    state = state.Then(e);
                    if (e is CardIssued card)
                    {
                        cards.Add(new CardKey(id, card.TaskId, card.Level, card.Escalation, card.DueVersion));
                    }
                    else if (e is TaskApproved { BySilence: true } silent)
                    {
                        cards.Add(new CardKey(id, silent.TaskId, CardLevels.ApproveBySilence, 0, state.FindTask(silent.TaskId)!.DueVersion));
                    }
                }
            }
        }

        return cards;
    }

    /// <summary>The intake the engine makes of one case: deterministic, so the same id and instant give the same state.</summary>
    private Seeded Make(Guid id, DateTimeOffset started)
    {
        var run = new PureCase(bundle, id, started);
        run.Start();
        return new Seeded(run.State, run.Events, started);
    }

    private sealed record Seeded(CaseState State, IReadOnlyList<CaseEvent> Events, DateTimeOffset Started);
}
