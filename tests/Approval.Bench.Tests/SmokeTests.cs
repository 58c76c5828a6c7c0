using Approval.Bench;
using Approval.Bench.Commands;
using Approval.Bench.Deadlines;
using Approval.Bench.Engine;
using Approval.Bench.Http;
using Approval.Bench.Peers;
using Approval.Bench.Reporting;
using Approval.Bench.Scale;
using Approval.Bench.Startup;
using Approval.Bench.Service;
using Approval.Bench.Timers;

namespace Approval.Bench.Tests;

/// <summary>
/// Every bench scenario in smoke mode, in process: it must finish with zero errors and figures that
/// make sense. Timings are never asserted — CI machines vary — and smoke reports carry no targets.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SmokeTests
{
    /// <summary>The service built in the same configuration as these tests (CI builds Debug).</summary>
    private static readonly string ServiceDll = RepoPaths.ServiceDll(AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug");

    [Test]
    public void Engine_drives_every_case_to_completion()
    {
        var report = EngineScenario.Run(new EngineScenario.Settings(50, 5, Smoke: true));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report["events per case"].Value, Is.GreaterThanOrEqualTo(7), "intake, five approvals and delivery record at least one event each");
            Assert.That(report["transitions/s"].Value, Is.GreaterThan(0));
            Assert.That(report["allocated per case"].Value, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Http_completes_cases_through_a_started_service()
    {
        var report = await HttpScenario.RunAsync(new HttpScenario.Settings(LoadSettings.Smoke, Postgres: false, Url: null, ServiceDll, Smoke: true));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report["cases completed"].Value, Is.GreaterThanOrEqualTo(LoadSettings.Smoke.MaxCases!.Value));
            Assert.That(report["requests/s"].Value / report["complete cases/s"].Value, Is.EqualTo(7).Within(0.01), "seven requests per case");
            Assert.That(report["latency p50"].Value, Is.GreaterThan(0).And.LessThanOrEqualTo(report["latency p99"].Value));
            Assert.That(report["server peak RSS"].Value, Is.GreaterThan(10), "MB read from /proc");
        });
    }

    [Test]
    public async Task Http_on_two_nodes_of_one_PostgreSQL_has_every_effect_once()
    {
        if (!PostgresCluster.IsInstalled)
        {
            Assert.Ignore("PostgreSQL server binaries are not installed under /usr/lib/postgresql/*/bin.");
        }

        var load = LoadSettings.Smoke with { IdempotencyKeys = true };
        var report = await HttpScenario.RunAsync(new HttpScenario.Settings(load, Postgres: true, Url: null, ServiceDll, Smoke: true, Nodes: 2));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Settings["nodes"], Is.EqualTo("2"));
            Assert.That(report["cases checked"].Value, Is.GreaterThanOrEqualTo(load.MaxCases!.Value));
            Assert.That(report["cases in the database"].Value, Is.EqualTo(report["cases checked"].Value), "no lost and no extra case");
            Assert.That(report["cases with wrong events"].Value, Is.Zero);
            Assert.That(report["cases no client completed"].Value, Is.Zero);
            Assert.That(report["events per case (expected)"].Value, Is.GreaterThanOrEqualTo(7));
            Assert.That(report["keys answered"].Value, Is.EqualTo(7 * report["cases checked"].Value), "a key on each of the seven requests of a case");
            Assert.That(report["keys without one answer"].Value, Is.Zero);
            Assert.That(report["node 1 complete cases/s"].Value, Is.GreaterThan(0), "client 0 drives node 1");
            Assert.That(report["node 2 complete cases/s"].Value, Is.GreaterThan(0), "client 1 drives node 2");
            Assert.That(report["node 1 server CPU per case"].Value + report["node 2 server CPU per case"].Value, Is.GreaterThan(0), "read from each node's /proc/PID/stat");
            Assert.That(report["database CPU per case"].Value, Is.GreaterThan(0), "read from the postmaster's process tree");
        });
    }

    [TestCase("")]
    [TestCase("--postgres --nodes 2")]
    [TestCase("--clients 8 --duration 5")]
    public void Http_accepts_its_usual_command_lines(string line)
    {
        Assert.That(HttpCommand.Create().Parse(line).Errors, Is.Empty);
    }

    [Test]
    public void Http_refuses_two_nodes_on_SQLite_as_a_usage_error()
    {
        var parse = HttpCommand.Create().Parse("--nodes 2");

        Assert.That(parse.Errors.Select(e => e.Message), Has.One.Contains("SQLite has one writer per file"));
        Assert.ThrowsAsync<ArgumentException>(() => HttpScenario.RunAsync(new HttpScenario.Settings(LoadSettings.Smoke, Postgres: false, Url: null, ServiceDll, Smoke: true, Nodes: 2)));
    }

    [Test]
    public async Task Deadlines_sweep_issues_cards_and_alerts_for_the_due_ones_only()
    {
        var report = await DeadlinesScenario.RunAsync(new DeadlinesScenario.Settings(OpenTasks: 1_000, Due: 20, Smoke: true));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report["deadlines issued"].Value, Is.InRange(1, 20));
            Assert.That(report["cards recorded"].Value, Is.GreaterThanOrEqualTo(report["deadlines issued"].Value));
            Assert.That(report["alerts queued (outbox)"].Value, Is.GreaterThanOrEqualTo(report["cards recorded"].Value));
            Assert.That(report["open tasks seeded"].Value, Is.GreaterThan(900));
        });
    }

    [Test]
    public async Task Timers_record_every_card_of_the_first_instant_on_Hangfire_and_deliver_its_alerts()
    {
        var report = await TimersScenario.RunAsync(new TimersScenario.Settings(OpenTasks: 1_000, Lead: TimeSpan.FromSeconds(3), Idle: TimeSpan.FromSeconds(1), Smoke: true));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report["cards at the instant"].Value, Is.GreaterThanOrEqualTo(1));
            Assert.That(report["card late p50"].Value, Is.GreaterThanOrEqualTo(0).And.LessThanOrEqualTo(report["card late p99"].Value), "never before the instant");
            Assert.That(report["Hangfire jobs alive (peak)"].Value, Is.GreaterThanOrEqualTo(1), "the first instant had timers");
            Assert.That(report["Hangfire jobs alive (idle)"].Value, Is.LessThan(report["open tasks seeded"].Value), "only the horizon is in Hangfire");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Timers_card_a_due_burst_through_one_job_and_report_cpu_per_card(bool postgres)
    {
        if (postgres && !PostgresCluster.IsInstalled)
        {
            Assert.Ignore("PostgreSQL server binaries are not installed under /usr/lib/postgresql/*/bin.");
        }

        const int burst = 40;
        var report = await TimersScenario.RunAsync(new TimersScenario.Settings(OpenTasks: 500, Lead: TimeSpan.FromSeconds(4), Idle: TimeSpan.FromSeconds(1), Smoke: true, DueBurst: burst, Postgres: postgres, WarmBurst: 10));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report["deadlines due at the instant"].Value, Is.GreaterThanOrEqualTo(burst));
            Assert.That(report["cards at the instant"].Value, Is.EqualTo(report["deadlines due at the instant"].Value), "every deadline of the burst carded once");
            Assert.That(report["warm-up cards (before the instant)"].Value, Is.GreaterThanOrEqualTo(10), "the overdue warm-up was carded at start");
            Assert.That(report["Hangfire jobs alive (peak)"].Value, Is.LessThan(burst), "the burst's instant is one job, not one per deadline");
            Assert.That(report["CPU per card"].Value, Is.GreaterThan(0));
            Assert.That(report["time to card the instant"].Value, Is.GreaterThanOrEqualTo(0));
            Assert.That(report.Settings["database"], Is.EqualTo(postgres ? "PostgreSql" : "Sqlite"));
        });
    }

    [Test]
    public async Task Startup_reaches_ready_with_generated_definitions()
    {
        var report = await StartupScenario.RunAsync(new StartupScenario.Settings(Definitions: 3, Restarts: 1, ServiceDll, Smoke: true));

        AssertClean(report);
        Assert.That(report["ready, cold (publishes all)"].Value, Is.GreaterThan(0));
    }

    [Test]
    public async Task Scale_runs_the_load_on_an_empty_and_a_seeded_database()
    {
        var report = await ScaleScenario.RunAsync(new ScaleScenario.Settings(FinishedCases: 40, OpenCases: 10, Versions: 3, LoadSettings.Smoke, ServiceDll, Smoke: true));

        AssertClean(report);
        Assert.Multiple(() =>
        {
            Assert.That(report["history cases"].Value, Is.EqualTo(50));
            Assert.That(report["p99, with history"].Value, Is.GreaterThan(0));
            Assert.That(report["cases/s, with history"].Value, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Peers_run_the_same_flow_on_our_engine_and_WorkflowCore_without_node()
    {
        var report = await PeersScenario.RunAsync(PeersScenario.Settings.ForSmoke);

        AssertClean(report);
        Assert.Multiple(() =>
        {
            foreach (var engine in new[] { PeersScenario.Ours, PeersScenario.WorkflowCoreEvents, PeersScenario.WorkflowCorePlain })
            {
                Assert.That(report[$"{engine}: cases/s"].Value, Is.GreaterThan(0), engine);
                Assert.That(report[$"{engine}: CPU per case"].Value, Is.GreaterThan(0), engine);
            }

            Assert.That(report[$"ours ÷ {PeersScenario.WorkflowCoreEvents}: cases/s"].Value, Is.EqualTo(report["ours: cases/s"].Value / report[$"{PeersScenario.WorkflowCoreEvents}: cases/s"].Value).Within(1e-9));
            Assert.That(report.Metrics.Single(m => m.Name.StartsWith(BpmnEnginePeer.Label, StringComparison.Ordinal)).Unit, Is.EqualTo("no figure"), "smoke never needs node");
        });
    }

    [Test]
    public async Task Bpmn_engine_without_node_is_reported_not_installed_rather_than_failing()
    {
        var empty = Directory.CreateTempSubdirectory("no-node-").FullName;
        try
        {
            var figure = await BpmnEnginePeer.RunAsync(5, 0, fsync: false, TimeSpan.FromSeconds(10), searchPath: empty);

            Assert.That(figure.NotRun, Does.StartWith("not installed"));
            Assert.That(figure.ErrorCount, Is.Zero);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    private static void AssertClean(ScenarioReport report)
    {
        Assert.That(report.Errors, Is.Zero, string.Join(Environment.NewLine, report.ErrorSamples));
        Assert.That(report.Metrics.Where(m => m.Met is not null || m.Target is not null), Is.Empty, "smoke runs judge no timings");
    }
}
