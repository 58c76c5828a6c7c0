using System.Text.Json;
using Approval.Engine.Cases;
using Approval.Persistence.Supervision;
using Approval.Supervision.Channels;
using Approval.Supervision.Outbox;
using Approval.Supervision.Tests.Infrastructure;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>Signed webhooks to a real receiver on loopback that refuses the first attempts.</summary>
public class WebhookTests
{
    private const string Secret = "s3cret-for-tests";

    private static Dictionary<string, string?> Hooks(string url, string maxAge = "01:00:00") => new()
    {
        ["Supervision:Webhooks:0:Name"] = "market-desk",
        ["Supervision:Webhooks:0:Url"] = url,
        ["Supervision:Webhooks:0:Secret"] = Secret,
        ["Supervision:Webhooks:0:Departments:0"] = "market-regulation",
        ["Supervision:Webhooks:0:Kinds:0"] = "yellow",
        ["Supervision:Webhooks:0:Kinds:1"] = "red",
        ["Supervision:Webhooks:1:Name"] = "fire-desk",
        ["Supervision:Webhooks:1:Url"] = url,
        ["Supervision:Webhooks:1:Secret"] = Secret,
        ["Supervision:Webhooks:1:Departments:0"] = "fire-rescue",
        ["Supervision:Retry:InitialDelay"] = "00:00:02",
        ["Supervision:Retry:MaxDelay"] = "00:00:08",
        ["Supervision:Retry:MaxAge"] = maxAge,
    };

    /// <summary>Issues the licence's yellow card (market-regulation) and nothing for any other department.</summary>
    private static async Task<Guid> IssueLicenceYellowAsync(Node node, FakeTimeProvider clock)
    {
        var licence = (await node.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        clock.Set(Local(3, 3, 9));
        await node.Sweeper.SweepAsync();
        return (await node.CardRowsAsync()).Single(c => c.TaskId == licence).Id;
    }

    private static async Task<OutboxMessageRow> HookMessageAsync(Node node) => (await node.OutboxAsync()).Single(m => m.Channel == "market-desk");

    [Test]
    public async Task An_alert_refused_twice_arrives_once_the_receiver_answers_signed_and_with_one_event_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 2);
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, settings: Hooks(receiver.Url));
        var cardId = await IssueLicenceYellowAsync(node, clock);

        var outbox = await node.OutboxAsync();
        Assert.That(outbox.Select(m => m.Channel), Is.EquivalentTo(new[] { "log", "market-desk" }), "filtered by department: fire-desk gets nothing");

        for (var attempt = 0; attempt < 10 && (await HookMessageAsync(node)).Status == OutboxStatus.Pending; attempt++)
        {
            await node.Dispatcher.DispatchDueAsync();
            clock.Advance(TimeSpan.FromSeconds(8)); // at least the longest back-off
        }

        var message = await HookMessageAsync(node);
        var requests = receiver.Requests.ToList();
        var accepted = receiver.Accepted.Single();
        using var body = JsonDocument.Parse(accepted.Body);
        Assert.Multiple(() =>
        {
            Assert.That(message.Status, Is.EqualTo(OutboxStatus.Delivered));
            Assert.That(message.Attempts, Is.EqualTo(3));
            Assert.That(requests.Select(r => r.Status), Is.EqualTo(new[] { 503, 503, 200 }), "retried until accepted, then never again");
            Assert.That(requests.Select(r => r.EventId), Is.All.EqualTo(cardId.ToString()), "one event id across retries");
            Assert.That(requests.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "the same body every time");
            Assert.That(WebhookSignature.Verify(Secret, accepted.Timestamp!, accepted.Body, accepted.Signature!), Is.True, "valid signature");
            Assert.That(WebhookSignature.Verify("wrong", accepted.Timestamp!, accepted.Body, accepted.Signature!), Is.False);
            Assert.That(body.RootElement.GetProperty("eventId").GetGuid(), Is.EqualTo(cardId));
            Assert.That(body.RootElement.GetProperty("kind").GetString(), Is.EqualTo(CardLevels.Yellow));
            Assert.That(body.RootElement.GetProperty("department").GetString(), Is.EqualTo("market-regulation"));
            Assert.That(accepted.Kind, Is.EqualTo(CardLevels.Yellow));
        });
    }

    [Test]
    public async Task An_alert_refused_past_its_max_age_becomes_a_dead_letter_and_a_redelivery_carries_the_same_event_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: int.MaxValue);
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, settings: Hooks(receiver.Url, maxAge: "00:00:30"));
        var cardId = await IssueLicenceYellowAsync(node, clock);

        for (var attempt = 0; attempt < 20 && (await HookMessageAsync(node)).Status == OutboxStatus.Pending; attempt++)
        {
            await node.Dispatcher.DispatchDueAsync();
            clock.Advance(TimeSpan.FromSeconds(8));
        }

        var dead = await node.DeadLetters.ListAsync(null, 10);
        Assert.That(dead.Select(m => (m.Channel, m.EventId, m.Status)), Is.EqualTo(new[] { ("market-desk", cardId, OutboxStatus.Dead) }));
        var refused = receiver.Requests.Count;
        Assert.That(refused, Is.GreaterThanOrEqualTo(3), "retried with back-off before giving up");

        await node.Dispatcher.DispatchDueAsync();
        Assert.That(receiver.Requests, Has.Count.EqualTo(refused), "a dead letter is not retried on its own");

        receiver.RefuseFirst = 0;
        var first = await node.DeadLetters.RedeliverAsync(dead[0].Id, "boss");
        var second = await node.DeadLetters.RedeliverAsync(dead[0].Id, "boss");
        await node.Dispatcher.DispatchDueAsync();
        var third = await node.DeadLetters.RedeliverAsync(dead[0].Id, "boss");
        await node.Dispatcher.DispatchDueAsync();

        var final = await HookMessageAsync(node);
        var remaining = await node.DeadLetters.ListAsync(null, 10);
        Assert.Multiple(() =>
        {
            Assert.That((first, second, third), Is.EqualTo((RedeliveryOutcome.Requeued, RedeliveryOutcome.AlreadyQueuedOrDelivered, RedeliveryOutcome.AlreadyQueuedOrDelivered)), "idempotent");
            Assert.That(receiver.Accepted.Select(r => r.EventId), Is.EqualTo(new[] { cardId.ToString() }), "delivered once, with the same event id");
            Assert.That(final.Status, Is.EqualTo(OutboxStatus.Delivered));
            Assert.That(final.EventId, Is.EqualTo(cardId));
            Assert.That(remaining, Is.Empty);
        });
    }
}
