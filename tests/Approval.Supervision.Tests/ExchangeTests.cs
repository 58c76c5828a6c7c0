using System.Text.Json;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Exchange;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Channels;
using Approval.Supervision.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>
/// The exchange feed for a case walked through the README tour (开餐馆): each record with the
/// platform's fields, staged with its event, delivered signed to a receiver that refuses at first.
/// </summary>
public class ExchangeTests
{
    private const string Secret = "exchange-secret";
    private static readonly Actor Window = new("window-1", "窗口一", [ClerkRoles.WindowClerk], "window");

    private static PublishedWorkflow Restaurant()
    {
        var workflows = Approval.Testing.RepositoryPaths.Workflows;
        var loaded = DefinitionLoader.LoadFile(Path.Combine(workflows, "open-restaurant.json"), DepartmentRegistry.Load(Path.Combine(workflows, "departments.json")));
        return new PublishedWorkflow("open-restaurant", 1, loaded.Definition!.Name, loaded.ContentHash!, Monday, null, loaded.Definition);
    }

    private static Dictionary<string, string?> Receiver(string url) => new()
    {
        ["Supervision:LogAlerts"] = "false",
        ["Supervision:Exchange:Receivers:0:Name"] = "province",
        ["Supervision:Exchange:Receivers:0:Url"] = url,
        ["Supervision:Exchange:Receivers:0:Secret"] = Secret,
        ["Supervision:Retry:InitialDelay"] = "00:00:02",
        ["Supervision:Retry:MaxDelay"] = "00:00:08",
    };

    /// <summary>Intake, supplement of the fire check, an inspection, approvals, delivery, rating.</summary>
    private static async Task<CaseState> WalkTheTourAsync(Node node, FakeTimeProvider clock)
    {
        var workflow = Restaurant();
        node.Services.GetRequiredService<WorkflowCatalog>().Register(workflow);
        var data = new Dictionary<string, JsonElement> { ["hasOutdoorSign"] = JsonSerializer.SerializeToElement(false), ["seats"] = JsonSerializer.SerializeToElement(40) };
        var materials = workflow.Definition.Materials.Select(m => new MaterialInput(m.Id, true, null)).ToList();
        var started = await node.Store.StartAsync(workflow, new StartCase(Guid.NewGuid(), data, new ApplicantInput("person", "11010519491231002X", "张三", "13800000000"), materials), Window);
        Assert.That(started.Refusal, Is.Null, started.Refusal?.Message);
        var state = started.State!;
        var fire = state.FindTaskOfStep("fire-safety")!.TaskId;
        var fireClerk = Node.Clerk("fire-rescue");

        clock.Advance(TimeSpan.FromHours(1));
        state = await node.DoAsync(state, _ => new ReturnForSupplement(fire, ["消防设计图纸"], "请一次补齐"), fireClerk);
        clock.Advance(TimeSpan.FromHours(1));
        state = await node.DoAsync(state, _ => new ReceiveSupplement(fire, "window"), Window);
        state = await node.DoAsync(state, _ => new SuspendTask(fire, "inspection", "现场检查"), fireClerk);
        clock.Advance(TimeSpan.FromHours(1));
        state = await node.DoAsync(state, _ => new ResumeTask(fire), fireClerk);
        foreach (var task in state.Tasks.Where(t => t.Status == Engine.Cases.TaskStatus.Open).ToList())
        {
            state = await node.DoAsync(state, _ => new ApproveTask(task.TaskId, $"证-{task.StepId}", null), Node.Clerk(task.Department));
        }

        state = await node.DoAsync(state, _ => new DeliverCase("pickup", null), Window);
        return await node.DoAsync(state, _ => new RateService(5, "一次办好"), Window);
    }

    [Test]
    public async Task Each_event_the_platform_needs_is_one_record_with_its_fields_staged_with_the_event()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, settings: Receiver("http://127.0.0.1:9/unused"));
        var state = await WalkTheTourAsync(node, clock);

        var rows = (await node.OutboxAsync()).Where(m => m.Kind.StartsWith(ExchangeRecords.OutboxKindPrefix, StringComparison.Ordinal)).ToList();
        var records = rows.Select(r => JsonDocument.Parse(r.Payload).RootElement).OrderBy(r => r.GetProperty("sequence").GetInt32()).ToList();
        string Kind(JsonElement r) => r.GetProperty("kind").GetString()!;
        var fire = records.Where(r => r.GetProperty("detail").TryGetProperty("stepId", out var s) && s.GetString() == "fire-safety").ToList();
        var intake = records.First();
        var completed = records.Single(r => Kind(r) == "case-completed");

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(Kind), Is.EqualTo(new[]
            {
                "intake", "supplement-notice", "supplement-received", "suspension-start", "suspension-end",
                "item-completed", "item-completed", "item-completed", "item-completed", "delivery", "case-completed", "rating",
            }), "the outdoor sign is skipped (no sign), so four items complete");
            Assert.That(rows.Select(r => r.Channel), Is.All.EqualTo("province"));
            Assert.That(rows.Select(r => r.EventId), Is.Unique);
            Assert.That(rows.Select(r => r.EventId), Is.EqualTo(rows.Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("recordId").GetGuid())));

            Assert.That(intake.GetProperty("caseNumber").GetString(), Is.EqualTo(state.CaseId.ToString()));
            Assert.That(intake.GetProperty("itemName").GetString(), Is.EqualTo("开餐馆"));
            Assert.That(intake.GetProperty("itemCodes").EnumerateArray().Select(c => c.GetString()).ToList(), Has.Member("350100-XFJY-0402").And.Count.EqualTo(5));
            Assert.That(intake.GetProperty("applicant").GetProperty("maskedId").GetString(), Is.EqualTo("110105********002X"));
            Assert.That(intake.GetProperty("applicant").GetProperty("name").GetString(), Is.EqualTo("张三"));
            Assert.That(intake.GetProperty("approver").GetProperty("userId").GetString(), Is.EqualTo("window-1"));
            Assert.That(intake.GetProperty("at").GetDateTimeOffset(), Is.EqualTo(Monday));

            Assert.That(fire.Select(Kind), Is.EqualTo(new[] { "supplement-notice", "supplement-received", "suspension-start", "suspension-end", "item-completed" }));
            Assert.That(fire.Select(r => r.GetProperty("itemCode").GetString()), Is.All.EqualTo("350100-XFJY-0402"));
            Assert.That(fire.Select(r => r.GetProperty("department").GetString()), Is.All.EqualTo("fire-rescue"));
            Assert.That(fire[0].GetProperty("detail").GetProperty("missing")[0].GetString(), Is.EqualTo("消防设计图纸"));
            Assert.That(fire[2].GetProperty("detail").GetProperty("procedure").GetString(), Is.EqualTo("inspection"));
            Assert.That(fire[4].GetProperty("result").GetString(), Is.EqualTo("approved"));
            Assert.That(fire[4].GetProperty("detail").GetProperty("resultDocument").GetString(), Is.EqualTo("证-fire-safety"));
            Assert.That(fire[4].GetProperty("approver").GetProperty("userId").GetString(), Is.EqualTo("clerk@fire-rescue"));
            Assert.That(completed.GetProperty("result").GetString(), Is.EqualTo("approved"));
            Assert.That(records.Last().GetProperty("detail").GetProperty("score").GetInt32(), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task A_receiver_that_refuses_for_a_while_gets_every_record_signed_and_once_per_record_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 4);
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, settings: Receiver(receiver.Url));
        await WalkTheTourAsync(node, clock);

        for (var round = 0; round < 20 && (await node.OutboxAsync()).Any(m => m.Status == OutboxStatus.Pending); round++)
        {
            await node.Dispatcher.DispatchDueAsync();
            clock.Advance(TimeSpan.FromSeconds(8));
        }

        var outbox = await node.OutboxAsync();
        var requests = receiver.Requests.ToList();
        var accepted = receiver.Accepted.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outbox.Select(m => m.Status), Is.All.EqualTo(OutboxStatus.Delivered));
            Assert.That(requests.Count(r => r.Status == 503), Is.EqualTo(4), "refused at first, then retried");
            Assert.That(accepted.Select(r => r.EventId).Distinct(), Is.EquivalentTo(outbox.Select(m => m.EventId.ToString())), "every record arrives; deduplicated by id, once each");
            Assert.That(accepted.Select(r => r.Kind), Is.All.StartWith(ExchangeRecords.OutboxKindPrefix));
            foreach (var request in accepted)
            {
                Assert.That(WebhookSignature.Verify(Secret, request.Timestamp!, request.Body, request.Signature!), Is.True, "signed with the receiver's secret");
                Assert.That(JsonDocument.Parse(request.Body).RootElement.GetProperty("recordId").GetString(), Is.EqualTo(request.EventId), "the dedupe id is in the header and the body");
            }
        });
    }

    [Test]
    public async Task The_batch_export_rebuilds_the_same_records_from_the_audit_trail()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, settings: Receiver("http://127.0.0.1:9/unused"));
        var state = await WalkTheTourAsync(node, clock);
        var staged = (await node.OutboxAsync()).OrderBy(m => m.CreatedAt).ThenBy(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("sequence").GetInt32()).Select(m => m.Payload).ToList();

        await using var db = await node.Db();
        var skipped = new List<Guid>();
        var catalog = node.Services.GetRequiredService<WorkflowCatalog>();
        var all = await ExchangeExport.ReadAsync(db, Monday, Monday.AddDays(1), catalog.Find, skipped);
        var before = await ExchangeExport.ReadAsync(db, Monday.AddDays(-1), Monday, catalog.Find, skipped);
        var firstHour = await ExchangeExport.ReadAsync(db, Monday, Monday.AddMinutes(30), catalog.Find, skipped);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(r => r.ToJson()), Is.EqualTo(staged), "the same records, ids and all, as the outbox sent");
            Assert.That(before, Is.Empty);
            Assert.That(firstHour.Select(r => r.Kind), Is.EqualTo(new[] { "intake" }), "[from, to) bounds the window");
            Assert.That(firstHour[0].CaseNumber, Is.EqualTo(state.CaseId.ToString()));
            Assert.That(skipped, Is.Empty);
        });
    }
}
