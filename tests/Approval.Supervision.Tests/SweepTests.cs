using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Supervision;
using Approval.Supervision.Tests.Infrastructure;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>The sweep on a real SQLite file with a fake clock: every card level, once, as a row and as history.</summary>
public class SweepTests
{
    private TempDatabase _database = null!;
    private FakeTimeProvider _clock = null!;
    private Node _node = null!;

    [SetUp]
    public async Task Start()
    {
        _database = new TempDatabase();
        _clock = new FakeTimeProvider(Monday);
        _node = await Node.StartAsync(_database, _clock);
    }

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _database.Dispose();
    }

    private async Task<Approval.Supervision.Sweep.SweepResult> SweepAt(DateTimeOffset at)
    {
        _clock.Set(at);
        return await _node.Sweeper.SweepAsync();
    }

    private async Task<string[]> CardsOf(Guid taskId) =>
        [.. (await _node.CardRowsAsync()).Where(c => c.TaskId == taskId).OrderBy(c => c.CardAt).ThenBy(c => c.Escalation).Select(c => $"{c.Level}{c.Escalation}@v{c.DueVersion}")];

    private static string[] HistoryCards(IEnumerable<CaseEvent> history, Guid taskId) =>
        [.. history.OfType<CardIssued>().Where(c => c.TaskId == taskId).Select(c => $"{c.Level}{c.Escalation}@v{c.DueVersion}")];

    [Test]
    public async Task Yellow_red_and_each_escalation_land_as_a_row_and_an_event_once_and_stop_at_the_maximum()
    {
        var started = await _node.StartCaseAsync();
        var fire = started.FindTaskOfStep("fire")!;
        Assert.That(fire.Due.At, Is.EqualTo(Local(3, 6)), "3 working days from Monday: the close of Thursday");

        await SweepAt(Local(3, 4, 23, 59));
        Assert.That(await CardsOf(fire.TaskId), Is.Empty, "before the warning point");

        await SweepAt(Local(3, 5));
        Assert.That(await CardsOf(fire.TaskId), Is.EqualTo(new[] { "yellow0@v1" }));
        var repeat = await _node.Sweeper.SweepAsync();
        Assert.That(repeat.Issued, Is.Zero, "a second sweep at the same instant issues nothing");

        await SweepAt(Local(3, 6));
        await SweepAt(Local(3, 7)); // the close of Friday: one working day after red
        await SweepAt(Local(3, 9, 12)); // Monday noon: nothing, the weekend does not count
        Assert.That(await CardsOf(fire.TaskId), Is.EqualTo(new[] { "yellow0@v1", "red0@v1", "escalation1@v1" }));

        await SweepAt(Local(3, 10));
        await SweepAt(Local(3, 31));
        var rows = (await _node.CardRowsAsync()).Where(c => c.TaskId == fire.TaskId).ToList();
        var history = await _node.HistoryAsync(started.CaseId);
        Assert.Multiple(() =>
        {
            Assert.That(rows.OrderBy(c => c.CardAt).Select(c => $"{c.Level}{c.Escalation}@v{c.DueVersion}"), Is.EqualTo(new[] { "yellow0@v1", "red0@v1", "escalation1@v1", "escalation2@v1" }), "at most 2 escalations");
            Assert.That(HistoryCards(history, fire.TaskId), Is.EqualTo(new[] { "yellow0@v1", "red0@v1", "escalation1@v1", "escalation2@v1" }), "the same cards in the case history");
            Assert.That(rows.Select(r => r.Department), Is.All.EqualTo("fire-rescue"));
            Assert.That(rows.Select(r => r.DeadlineAt), Is.All.EqualTo(Local(3, 6).UtcDateTime));
            Assert.That(rows.Single(r => r.Level == CardLevels.Red).IssuedAt, Is.EqualTo(Local(3, 6).UtcDateTime), "issued when the sweep ran");
        });
    }

    [Test]
    public async Task The_due_deadlines_of_one_case_are_supervised_by_one_command()
    {
        var started = await _node.StartCaseAsync();
        var result = await SweepAt(Local(3, 6));
        var acted = (await _node.HistoryAsync(started.CaseId)).Where(e => e is CardIssued or TaskApproved { BySilence: true }).ToList();
        var deadlines = acted.Select(e => e is CardIssued card ? card.TaskId : ((TaskApproved)e).TaskId).Distinct().Count();
        Assert.Multiple(() =>
        {
            Assert.That(deadlines, Is.GreaterThanOrEqualTo(2), "several deadlines of the case were due at once");
            Assert.That(acted.Select(e => e.Command).Distinct(), Is.EqualTo(new[] { "supervise-deadlines" }), "one command for them all");
            Assert.That(result.Issued, Is.EqualTo(deadlines));
            Assert.That(result.Failed, Is.Zero);
        });
    }

    [Test]
    public async Task The_case_limit_gets_cards_of_its_own()
    {
        var started = await _node.StartCaseAsync();
        await SweepAt(Local(3, 9, 12)); // past the case's yellow point (close of Friday), before its due (close of Monday)
        var caseCards = (await _node.CardRowsAsync()).Where(c => c.TaskId is null && c.CaseId == started.CaseId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(caseCards.Select(c => c.Level), Is.EqualTo(new[] { CardLevels.Yellow }));
            Assert.That(caseCards.Single().Department, Is.Null);
        });
    }

    [Test]
    public async Task A_task_marked_approve_on_overdue_is_approved_by_silence_by_the_system_and_the_case_moves_on()
    {
        var started = await _node.StartCaseAsync();
        await _node.DoAsync(started, s => new ApproveTask(s.FindTaskOfStep("fire")!.TaskId, "OK", null), Node.Clerk("fire-rescue"));
        await _node.DoAsync(started, s => new ApproveTask(s.FindTaskOfStep("licence")!.TaskId, "OK", null), Node.Clerk("market-regulation"));
        var signage = started.FindTaskOfStep("signage")!;

        await SweepAt(Local(3, 6));

        var history = await _node.HistoryAsync(started.CaseId);
        var approved = history.OfType<TaskApproved>().Single(a => a.TaskId == signage.TaskId);
        var state = (await _node.Store.LoadAsync(started.CaseId))!.State;
        var rows = (await _node.CardRowsAsync()).Where(c => c.TaskId == signage.TaskId).Select(c => c.Level).ToList();
        var alerts = (await _node.OutboxAsync()).Where(m => m.Kind == CardLevels.ApproveBySilence).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(approved.BySilence, Is.True);
            Assert.That((approved.Actor.UserId, approved.Actor.IsSystem), Is.EqualTo((Actor.System.UserId, true)), "actor recorded");
            Assert.That(approved.Comment, Does.Contain("超时默许"), "reason recorded");
            Assert.That(approved.At, Is.EqualTo(Local(3, 6)));
            Assert.That(state.Status, Is.EqualTo(CaseStatus.AwaitingDelivery), "the case moves on");
            Assert.That(rows, Is.EquivalentTo(new[] { CardLevels.Yellow, CardLevels.ApproveBySilence }), "no red card, a silent-approval row");
            Assert.That(alerts, Has.Count.EqualTo(1), "one alert for it");
        });
    }

    [Test]
    public async Task A_stop_after_the_yellow_card_moves_the_deadline_which_gets_new_cards_and_the_old_card_stays()
    {
        var started = await _node.StartCaseAsync();
        var fire = started.FindTaskOfStep("fire")!;
        await SweepAt(Local(3, 5, 9));
        Assert.That(await CardsOf(fire.TaskId), Is.EqualTo(new[] { "yellow0@v1" }));

        await _node.DoAsync(started, _ => new ReturnForSupplement(fire.TaskId, ["消防设计图纸"], null), Node.Clerk("fire-rescue"));
        await SweepAt(Local(3, 6, 12));
        Assert.That(await CardsOf(fire.TaskId), Is.EqualTo(new[] { "yellow0@v1" }), "no red card while the clock is stopped");

        _clock.Set(Local(3, 9, 9)); // two working days later
        var resumed = await _node.DoAsync(started, _ => new ReceiveSupplement(fire.TaskId, "online"), Node.Clerk("fire-rescue"));
        Assert.That(resumed.FindTask(fire.TaskId)!.Due.At, Is.EqualTo(Local(3, 10)), "due moved from Thursday 24:00 to Monday 24:00");

        await _node.Sweeper.SweepAsync();
        var rows = (await _node.CardRowsAsync()).Where(c => c.TaskId == fire.TaskId).OrderBy(c => c.DueVersion).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(c => $"{c.Level}{c.Escalation}@v{c.DueVersion}"), Is.EqualTo(new[] { "yellow0@v1", "yellow0@v2" }));
            Assert.That(rows[0].DeadlineAt, Is.EqualTo(Local(3, 6).UtcDateTime), "the old card keeps the deadline it was about");
            Assert.That(rows[1].DeadlineAt, Is.EqualTo(Local(3, 10).UtcDateTime));
        });
    }

    [Test]
    public async Task A_task_finished_just_before_its_warning_point_never_gets_a_card()
    {
        var started = await _node.StartCaseAsync();
        var fire = started.FindTaskOfStep("fire")!;
        _clock.Set(Local(3, 4, 23, 59));
        await _node.DoAsync(started, _ => new ApproveTask(fire.TaskId, "OK", null), Node.Clerk("fire-rescue"));

        await SweepAt(Local(3, 31));

        await using var db = await _node.Db();
        var row = db.Tasks.Single(t => t.Id == fire.TaskId);
        var cards = await CardsOf(fire.TaskId);
        var history = await _node.HistoryAsync(started.CaseId);
        Assert.Multiple(() =>
        {
            Assert.That(cards, Is.Empty);
            Assert.That(HistoryCards(history, fire.TaskId), Is.Empty);
            Assert.That(row.NextAlertAt, Is.Null, "nothing left for the sweep to look at");
        });
    }

    [Test]
    public async Task Every_card_and_silent_approval_stages_one_outbox_alert_per_channel_in_the_same_transaction()
    {
        await _node.StartCaseAsync();
        await SweepAt(Local(3, 31));
        var cards = await _node.CardRowsAsync();
        var outbox = await _node.OutboxAsync();
        Assert.Multiple(() =>
        {
            Assert.That(cards, Is.Not.Empty);
            Assert.That(outbox.Select(m => m.EventId), Is.EquivalentTo(cards.Select(c => c.Id)), "one log alert per card, keyed by the card");
            Assert.That(outbox.Select(m => m.Status), Is.All.EqualTo(OutboxStatus.Pending));
        });
    }
}
