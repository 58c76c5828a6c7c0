using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Approval.Reliability.Tests;

/// <summary>
/// The deadline half of the crash check: every card due on the overdue cases is in the database
/// exactly once, and every card's alert reached the loopback receiver (at least once, well signed),
/// however the kill fell between issuing, sending and recording the send.
/// </summary>
internal static class DueAlerts
{
    public const string Channel = "crash-receiver";

    /// <summary>Waits until every due card is issued and every card's alert received, then asserts it; returns the figures.</summary>
    public static async Task<CrashScenario.AlertFigures> AwaitAsync(
        IDbContextFactory<ApprovalDbContext> databases, OverdueCases overdue, AlertReceiver receiver, int held, TimeSpan restartedAt, TimeSpan patience)
    {
        var seeded = overdue.CaseIds;
        var until = receiver.Now + patience;
        IReadOnlySet<CardKey> expected;
        List<SupervisionCardRow> cards;
        List<Guid> undelivered;
        while (true)
        {
            expected = overdue.ExpectedCards(DateTimeOffset.UtcNow);
            await using (var db = await databases.CreateDbContextAsync())
            {
                cards = await db.Set<SupervisionCardRow>().AsNoTracking().ToListAsync();
                // The receiver's 2xx comes a moment before the dispatcher records it: wait for both.
                undelivered = await db.Set<OutboxMessageRow>().AsNoTracking()
                    .Where(m => m.Channel == Channel && m.Status != OutboxStatus.Delivered).Select(m => m.EventId).ToListAsync();
            }

            var issued = cards.Where(c => seeded.Contains(c.CaseId)).Select(Key).ToHashSet();
            var received = receiver.EventIds.ToHashSet();
            if ((issued.IsSupersetOf(expected) && cards.All(c => received.Contains(c.Id)) && undelivered.Count == 0) || receiver.Now > until)
            {
                break;
            }

            await Task.Delay(250);
        }

        await using var check = await databases.CreateDbContextAsync();
        var cardEvents = await check.CaseEvents.AsNoTracking().CountAsync(e => e.Type == "card-issued");
        var arrived = receiver.FirstArrivals;
        var missing = cards.Where(c => !arrived.ContainsKey(c.Id)).Select(c => $"{c.Level} {c.Escalation} of case {c.CaseId}").ToList();
        var last = cards.Count == 0 ? TimeSpan.Zero : cards.Max(c => arrived.TryGetValue(c.Id, out var at) ? at : receiver.Now);
        var figures = new CrashScenario.AlertFigures(expected.Count, cards.Count, held, receiver.Requests, arrived.Count, receiver.Duplicates, receiver.BadSignatures,
            last > restartedAt ? last - restartedAt : TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            var seededCards = cards.Where(c => seeded.Contains(c.CaseId)).ToList();
            Assert.That(seededCards.Select(Key).ToHashSet(), Is.EquivalentTo(expected), "every due card issued, and no card that was not due");
            Assert.That(cards.GroupBy(Key).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no card recorded twice");
            Assert.That(cardEvents, Is.EqualTo(cards.Count(c => c.Level != CardLevels.ApproveBySilence)), "one card-issued event per card row");
            Assert.That(missing, Is.Empty, "every card's alert reached the receiver");
            Assert.That(undelivered, Is.Empty, "every alert to the receiver recorded delivered");
            Assert.That(receiver.BadSignatures, Is.Zero, "every alert signed with the subscription's secret");
            Assert.That(held, Is.GreaterThan(0), "the kill cut off alerts in flight");
        });
        return figures;
    }

    private static CardKey Key(SupervisionCardRow c) => new(c.CaseId, c.TaskId, c.Level, c.Escalation, c.DueVersion);
}
