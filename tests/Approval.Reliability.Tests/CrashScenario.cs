using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approval.Bench;
using Approval.Bench.Http;
using Approval.Bench.Service;
using Approval.Persistence;
using Approval.Persistence.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Reliability.Tests;

/// <summary>
/// Load on real service processes with Idempotency-Keys, a kill -9 of one node mid-load, then every
/// unanswered request retried with its key on a surviving (or restarted) node, and the database
/// checked: what was acknowledged is there, nothing happened twice, every invariant holds.
/// </summary>
internal sealed class CrashScenario(DatabaseTarget database, int nodes)
{
    /// <summary>How long the load runs before the kill; with several clients that is dozens of cases and approvals.</summary>
    public static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(3);

    /// <summary>Overdue cases written before the load, just before the kill, and while the node is down (SQLite) or after it (PostgreSQL).</summary>
    public static readonly (int Before, int AtKill, int AfterKill) OverdueBatches = (4, 3, 3);

    private const string WebhookSecret = "crash-test-receiver-secret";

    private const int ClientsPerNode = 4;
    private static readonly string ServiceDll = RepoPaths.ServiceDll(AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug");
    private readonly Ledger _ledger = new();
    private readonly Bundle _bundle = Bundle.Load();
    private ClerkTokens _tokens = null!;
    private Dictionary<string, string> _environment = null!;

    public sealed record Figures(int Requests, int Acknowledged, int Unanswered, int Replayed, int Cases, int Approvals, IReadOnlyList<InvariantResult> Invariants, AlertFigures Alerts);

    /// <summary>What the due deadlines came to: cards in the database, alerts at the receiver, and how long after the restart (or the kill) the last one arrived.</summary>
    public sealed record AlertFigures(int CardsDue, int CardsRecorded, int HeldAtKill, int Requests, int EventIds, int Duplicates, int BadSignatures, TimeSpan DeliveredAfterRestart);

    // Short, so a reservation whose request died before its commit is taken over by the retry within the
    // test, and a delivery cut off by the kill is sent again within seconds (the lease outlives one attempt).
    private static Dictionary<string, string> EnvironmentFor(Uri receiver) => new()
    {
        ["Idempotency__InFlightTimeout"] = "00:00:02",
        ["Supervision__SafetyNetInterval"] = "00:00:02",
        ["Supervision__DispatchInterval"] = "00:00:01",
        ["Supervision__WebhookTimeout"] = "00:00:05",
        ["Supervision__DeliveryLease"] = "00:00:06",
        ["Supervision__Retry__InitialDelay"] = "00:00:01",
        ["Supervision__Retry__MaxDelay"] = "00:00:02",
        // PostgreSQL: the killed node may die holding the safety net's lock; the survivor takes it over after this.
        ["Supervision__Hangfire__DistributedLockTimeout"] = "00:00:10",
        ["Supervision__Webhooks__0__Name"] = "crash-receiver",
        ["Supervision__Webhooks__0__Url"] = receiver.ToString(),
        ["Supervision__Webhooks__0__Secret"] = WebhookSecret,
    };

    public async Task<Figures> RunAsync(string logFolder)
    {
        _tokens = new ClerkTokens(_bundle.Definition.Steps.SelectMany(Departments));
        await using var receiver = AlertReceiver.Start(WebhookSecret);
        _environment = EnvironmentFor(receiver.Url);
        var overdue = new OverdueCases(_bundle, Factory());
        var services = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                services.Add(await ServiceProcess.StartAsync(ServiceDll, database, RepoPaths.Workflows, logFolder, TimeSpan.FromSeconds(90), _environment));
            }

            // Seeded once the service has published the workflow they run on.
            await overdue.SeedAsync(OverdueBatches.Before);
            using var stop = new CancellationTokenSource();
            var clients = services.SelectMany(s => Enumerable.Range(0, ClientsPerNode).Select(_ => ClientLoopAsync(s.BaseAddress, stop.Token))).ToList();
            await Task.Delay(LoadBeforeKill);

            // More fall due now, and the receiver keeps its answers back: the kill lands mid-send.
            receiver.Hold();
            await overdue.SeedAsync(OverdueBatches.AtKill);
            await receiver.WaitHeldAsync(TimeSpan.FromSeconds(15));
            await Task.Delay(300);

            // kill -9 (SIGKILL) of the first node, mid-load: no shutdown, no flush, no goodbye.
            var killed = services[0];
            services.RemoveAt(0);
            await killed.DisposeAsync();
            var killedAt = receiver.Now;
            var held = receiver.Held;
            stop.Cancel();
            await Task.WhenAll(clients);

            // And more fall due while the node is down; then the receiver answers again.
            await overdue.SeedAsync(OverdueBatches.AfterKill);
            receiver.Release();
            var survivor = nodes > 1 ? services[0] : await Restart(services, logFolder);
            var restartedAt = nodes > 1 ? killedAt : receiver.Now;
            using var http = new HttpClient { BaseAddress = survivor.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var unanswered = _ledger.All.Where(s => s.Status is null || s.Status == HttpStatusCode.Conflict).ToList();
            foreach (var sent in unanswered)
            {
                await KeyedClient.RetryUntilFinalAsync(http, sent, TimeSpan.FromSeconds(20));
            }

            await AssertEffectsAsync(overdue.CaseIds);
            var alerts = await DueAlerts.AwaitAsync(Factory(), overdue, receiver, held, restartedAt, TimeSpan.FromSeconds(60));
            var invariants = await new DatabaseVerifier(Factory(), TimeProvider.System, new VerificationOptions { InFlightTimeout = TimeSpan.FromSeconds(2) }).VerifyAsync();
            var all = _ledger.All;
            return new Figures(all.Count, all.Count(s => s.Acknowledged), unanswered.Count, all.Count(s => s.Replayed),
                all.Count(s => s.Path == "/api/cases" && s.Acknowledged), all.Count(s => s.Path.EndsWith("/approve", StringComparison.Ordinal) && s.Acknowledged), invariants, alerts);
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static IEnumerable<string> Departments(Approval.Definitions.Model.StepDefinition step) =>
        (step is Approval.Definitions.Model.TaskStepDefinition task ? [task.Department] : Array.Empty<string>())
            .Concat(step.Children.SelectMany(Departments));

    private async Task<ServiceProcess> Restart(List<ServiceProcess> services, string logFolder)
    {
        var restarted = await ServiceProcess.StartAsync(ServiceDll, database, RepoPaths.Workflows, logFolder, TimeSpan.FromSeconds(90), _environment);
        services.Add(restarted);
        return restarted;
    }

    /// <summary>One clerk's day: take in a case, then claim and approve each of its tasks, every call keyed.</summary>
    private async Task ClientLoopAsync(Uri node, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        var intake = JsonSerializer.Serialize(new
        {
            workflowId = Bundle.WorkflowId,
            applicant = new { kind = "person", id = Bundle.ApplicantId, name = "张三", phone = "13800000000" },
            data = Bundle.Data,
            materials = _bundle.Materials.Select(m => new { materialId = m, provided = true }),
        });
        while (!stop.IsCancellationRequested)
        {
            var started = await KeyedClient.SendAsync(http, _ledger.Add(new Sent(_tokens.Window, "/api/cases", intake, Guid.NewGuid().ToString())));
            if (!started.Acknowledged)
            {
                return; // the node is gone; the retry phase finishes this request.
            }

            foreach (var task in JsonNode.Parse(started.Answer!)!["tasks"]!.AsArray())
            {
                var id = (string)task!["id"]!;
                var token = _tokens.Department((string)task["department"]!);
                if (!(await KeyedClient.SendAsync(http, _ledger.Add(new Sent(token, $"/api/tasks/{id}/claim", null, Guid.NewGuid().ToString())))).Acknowledged
                    || !(await KeyedClient.SendAsync(http, _ledger.Add(new Sent(token, $"/api/tasks/{id}/approve", """{"comment":"同意"}""", Guid.NewGuid().ToString())))).Acknowledged)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The load's effects; <paramref name="seeded"/> (the overdue cases, not the load's) are left to <see cref="DueAlerts"/>.</summary>
    private async Task AssertEffectsAsync(IReadOnlyCollection<Guid> seeded)
    {
        var all = _ledger.All;
        Assert.That(all.Where(s => !s.Acknowledged).Select(s => $"{s.Path} {s.Status}: {s.Answer}"), Is.Empty, "every request, retried with its key, ends acknowledged");

        // Exactly once: one case per intake key, and the database holds those cases and no others.
        var intakes = all.Where(s => s.Path == "/api/cases").ToList();
        var caseIds = intakes.Select(s => (string)JsonNode.Parse(s.Answer!)!["id"]!).ToList();
        await using var db = await Factory().CreateDbContextAsync();
        var stored = (await db.Cases.AsNoTracking().Select(c => c.Id).ToListAsync()).Where(id => !seeded.Contains(id)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(caseIds.Distinct().Count(), Is.EqualTo(intakes.Count), "each intake key answered with its own case");
            Assert.That(stored.Select(id => id.ToString()).Order(), Is.EqualTo(caseIds.Order()), "no duplicate case, no lost case");

            // Every acknowledged approval is in the task's row.
            foreach (var approve in all.Where(s => s.Path.EndsWith("/approve", StringComparison.Ordinal)))
            {
                var taskId = Guid.Parse(approve.Path.Split('/')[3]);
                var status = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync();
                Assert.That(status, Is.EqualTo("Approved"), $"task {taskId} was acknowledged approved");
            }

            // No approval recorded twice (a second one would be refused, but the history is the proof).
            var approvals = (await db.CaseEvents.AsNoTracking().Where(e => e.Type == "task-approved").Select(e => e.CaseId).ToListAsync()).Count(id => !seeded.Contains(id));
            Assert.That(approvals, Is.EqualTo(all.Count(s => s.Path.EndsWith("/approve", StringComparison.Ordinal))), "one task-approved event per approval request");
        });
    }

    private PooledDbContextFactory<ApprovalDbContext> Factory()
    {
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString });
        return new PooledDbContextFactory<ApprovalDbContext>(builder.Options);
    }
}
