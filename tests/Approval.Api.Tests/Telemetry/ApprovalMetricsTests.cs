using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Persistence.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests.Telemetry;

/// <summary>The service's own instruments, read with a <see cref="System.Diagnostics.Metrics.MeterListener"/> while clerks work through the API.</summary>
public class ApprovalMetricsTests
{
    [Test]
    public async Task Commands_are_counted_by_type_and_outcome_and_each_commit_records_its_batch()
    {
        await using var app = new ApprovalApp();
        using var log = new MeasurementLog(app.Services);
        var started = await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var task = started["tasks"]!.AsArray().First()!;
        var department = (string)task["department"]!;
        var wrong = department == "fire-rescue" ? "tax" : "fire-rescue";

        var refused = await app.Department(wrong).PostJsonAsync($"/api/tasks/{task["id"]}/approve", new { });
        var approved = await app.Department(department).PostJsonAsync($"/api/tasks/{task["id"]}/approve", new { });

        Assert.Multiple(() =>
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(403), "another department's clerk is refused");
            Assert.That((int)approved.StatusCode, Is.EqualTo(200));
            Assert.That(log.Values("approval.commands", ("command", "StartCase"), ("outcome", "accepted")), Is.EqualTo(new[] { 1.0 }));
            Assert.That(log.Values("approval.commands", ("command", "ApproveTask"), ("outcome", "accepted")), Is.EqualTo(new[] { 1.0 }));
            Assert.That(log.Values("approval.commands", ("outcome", "refused")), Is.Empty.Or.All.EqualTo(1.0));
            Assert.That(log.Values("approval.commit.batch_size", ("db.system", "sqlite")).Sum(), Is.EqualTo(2), "two accepted commands, two writes committed");
            Assert.That(log.Values("approval.commit.duration", ("db.system", "sqlite")), Has.Count.GreaterThanOrEqualTo(1).And.All.GreaterThan(0.0));
        });
    }

    [Test]
    public async Task A_replayed_idempotent_request_is_counted_once_and_runs_nothing()
    {
        await using var app = new ApprovalApp();
        using var log = new MeasurementLog(app.Services);
        var window = app.Window();
        var body = new { workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = false }, materials = Json.AllMaterials("open-restaurant") };
        window.DefaultRequestHeaders.Add("Idempotency-Key", "metrics-replay-1");
        var first = await window.PostJsonAsync("/api/cases", body);
        var second = await window.PostJsonAsync("/api/cases", body);

        Assert.Multiple(() =>
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(201));
            Assert.That((int)second.StatusCode, Is.EqualTo(201));
            Assert.That(log.Values("approval.idempotency.replays"), Is.EqualTo(new[] { 1.0 }));
            Assert.That(log.Values("approval.commands", ("command", "StartCase")), Is.EqualTo(new[] { 1.0 }), "the replay ran no command");
        });
    }

    [Test]
    public void Cards_are_counted_by_level_with_their_lateness_and_the_outbox_gauges_report_the_last_reading()
    {
        using var app = new ApprovalApp();
        using var log = new MeasurementLog(app.Services);
        var metrics = app.Services.GetRequiredService<ApprovalMetrics>();
        log.Observe();
        var beforeSampling = log.Values("approval.outbox.depth");

        metrics.CardIssued("yellow", TimeSpan.FromSeconds(1.5));
        metrics.OutboxSampled(3, TimeSpan.FromMinutes(2), 1);
        log.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(beforeSampling, Is.Empty, "no reading yet: the gauges report nothing rather than a false zero");
            Assert.That(log.Values("approval.cards.issued", ("level", "yellow")), Is.EqualTo(new[] { 1.0 }));
            Assert.That(log.Values("approval.timer.lateness", ("level", "yellow")), Is.EqualTo(new[] { 1.5 }));
            Assert.That(log.Values("approval.outbox.depth"), Is.EqualTo(new[] { 3.0 }));
            Assert.That(log.Values("approval.outbox.oldest_age"), Is.EqualTo(new[] { 120.0 }));
            Assert.That(log.Values("approval.dead_letters"), Is.EqualTo(new[] { 1.0 }));
        });
    }
}
