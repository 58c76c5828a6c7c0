using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Api.Tests.Supervision;
using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Screen;

/// <summary>
/// The one screen's figures on seeded cases whose answers are known: on-time, one-visit,
/// compression and satisfaction rates, today's intake, red tasks with their working days late —
/// and the rebuild from events agrees with the counters the commands kept.
/// </summary>
public class ScreenStatisticsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("approval-screen").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static Task<JsonNode> StartAsync(SupervisedApp app) =>
        app.ClientAs(ClerkRoles.WindowClerk, "window", "window").StartCaseAsync("open-restaurant", new { hasOutdoorSign = false, seats = 20 });

    private static async Task FinishAsync(SupervisedApp app, JsonNode started, string deliveryMethod, int score)
    {
        var id = (string)started["id"]!;
        foreach (var task in started["tasks"]!.AsArray())
        {
            var approved = await app.ClientAs(ClerkRoles.DepartmentClerk, (string)task!["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { });
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
        }

        var window = app.ClientAs(ClerkRoles.WindowClerk, "window", "window");
        Assert.That((await window.PostJsonAsync($"/api/cases/{id}/deliver", new { method = deliveryMethod })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rated = await window.PostJsonAsync($"/api/cases/{id}/rating", new { score });
        Assert.That(rated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rated.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Rates_and_colours_have_the_known_answers_and_the_rebuild_agrees()
    {
        // Monday 2 March 2026, a working day; open-restaurant promises 5 working days.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        await using var app = new SupervisedApp(Path.Combine(_folder, "approval.db"), clock);
        _ = app.CreateClient();
        await app.CatchUp;

        await FinishAsync(app, await StartAsync(app), "pickup", 5);   // same day: 0 working days used, 2 visits, good
        var second = await StartAsync(app);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 10, 0, 0, China));
        await FinishAsync(app, second, "electronic", 2);              // next day: 1 working day used, 1 visit, poor
        var late = await StartAsync(app);
        var lateTasks = late["tasks"]!.AsArray().Count;

        // Monday 16 March: the open case's 1–3 working-day tasks are all past due; the sweep issues their cards.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 10, 0, 0, China));
        await app.Services.GetRequiredService<Approval.Supervision.Sweep.DeadlineSweeper>().SweepAsync();
        await StartAsync(app);

        var screen = await (await app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync("/api/supervision/screen")).ReadJsonAsync();
        var centre = screen["centre"]!;
        var fire = screen["departments"]!.AsArray().Single(d => (string)d!["department"]! == "fire-rescue")!;
        Assert.Multiple(() =>
        {
            Assert.That((string)screen["today"]!, Is.EqualTo("2026-03-16"));
            Assert.That((long)centre["intakeToday"]!, Is.EqualTo(1), "one case started today");
            Assert.That((long)centre["completed"]!, Is.EqualTo(2));
            Assert.That((double)centre["onTimeRate"]!, Is.EqualTo(1.0));
            Assert.That((double)centre["oneVisitRate"]!, Is.EqualTo(0.5), "pickup is a second visit");
            Assert.That((double)centre["averageUsedDays"]!, Is.EqualTo(0.5));
            Assert.That((double)centre["averageLimitDays"]!, Is.EqualTo(5.0));
            Assert.That((double)centre["compressionRate"]!, Is.EqualTo(0.9), "1 − (0 + 1) ÷ (5 + 5)");
            Assert.That((long)centre["ratings"]!, Is.EqualTo(2));
            Assert.That((double)centre["satisfaction"]!, Is.EqualTo(0.5), "a 5 is good, a 2 is not");
            Assert.That((double)centre["averageScore"]!, Is.EqualTo(3.5));
            Assert.That((long)centre["runningCases"]!, Is.EqualTo(2));
            Assert.That((long)centre["redTasks"]!, Is.EqualTo(lateTasks), "every task of the late case is red");
            Assert.That((string)fire["colour"]!, Is.EqualTo("red"));
            Assert.That((long)fire["open"]!, Is.EqualTo(2), "the late case's and today's fire checks");
            Assert.That((long)fire["red"]!, Is.EqualTo(1));
            Assert.That((double)fire["onTimeRate"]!, Is.EqualTo(1.0));
            var alerts = screen["alertTasks"]!.AsArray();
            Assert.That(alerts.Select(a => (string)a!["caseId"]!), Is.All.EqualTo((string)late["id"]!));
            Assert.That(alerts.Select(a => (string)a!["colour"]!), Is.All.EqualTo("red"));
            Assert.That(alerts.Select(a => (int)a!["workingDaysLeft"]!), Is.All.LessThan(0), "late, in working days");
            Assert.That(screen["trend"]!.AsArray(), Has.Count.EqualTo(ScreenStatistics.WindowDays));
            Assert.That(screen["trend"]!.AsArray().Single(d => (string)d!["day"]! == "2026-03-03")!["completed"]!.GetValue<long>(), Is.EqualTo(1));
        });

        var rebuilder = new CounterRebuilder(app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>(), app.Services.GetRequiredService<WorkingCalendar>(),
            (id, version) => app.Services.GetRequiredService<WorkflowCatalog>().Find(id, version)?.Definition);
        Assert.That(await rebuilder.CompareAsync(), Is.Empty, "before folding: counters plus pending deltas");
        await app.Services.GetRequiredService<CounterFolder>().FoldAllAsync();
        Assert.That(await rebuilder.CompareAsync(), Is.Empty, "after folding");

        // A counter gone wrong is found, and the rebuild repairs it.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            await db.Set<StandingCounterRow>().Where(r => r.Counter == Counters.OpenRed).ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, 99));
        }

        Assert.That(await rebuilder.CompareAsync(), Is.Not.Empty);
        await rebuilder.RebuildAsync();
        Assert.That(await rebuilder.CompareAsync(), Is.Empty);
        var again = await (await app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync("/api/supervision/screen")).ReadJsonAsync();
        Assert.That(again["centre"]!.ToJsonString(), Is.EqualTo(centre.ToJsonString()), "the same figures after the rebuild");
    }

    [Test]
    public async Task The_department_page_lists_its_tasks_and_cards_and_only_supervisors_read_the_screen()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        await using var app = new SupervisedApp(Path.Combine(_folder, "approval.db"), clock);
        _ = app.CreateClient();
        await app.CatchUp;
        var started = await StartAsync(app);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 10, 0, 0, China));
        await app.Services.GetRequiredService<Approval.Supervision.Sweep.DeadlineSweeper>().SweepAsync();

        var boss = app.ClientAs(ClerkRoles.Supervisor, null, "boss");
        var department = await (await boss.GetAsync("/api/supervision/departments/fire-rescue")).ReadJsonAsync();
        var diagram = await boss.GetAsync($"/api/supervision/cases/{(string)started["id"]!}/diagram");
        var svg = await diagram.Content.ReadAsStringAsync();
        var workflow = await (await boss.GetAsync("/api/supervision/workflows/open-restaurant/1")).ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That((string)department["figures"]!["name"]!, Is.Not.Empty);
            Assert.That((string)department["figures"]!["colour"]!, Is.EqualTo("red"));
            Assert.That(department["tasks"]!.AsArray().Select(t => (string)t!["colour"]!), Is.EqualTo(new[] { "red" }));
            Assert.That(department["cards"]!.AsArray().Select(c => (string)c!["level"]!), Does.Contain("red").And.Contain("yellow"));
            Assert.That(diagram.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
            Assert.That(svg, Does.Contain("data-state=\"done\"").And.Contain("data-state=\"red\""), "intake done, late tasks red");
            Assert.That((string)workflow["timeLimit"]!, Is.EqualTo("5 working days"));
            Assert.That(workflow["steps"]!.AsArray().Any(s => (string?)s!["timeLimit"] is not null), Is.True);
            Assert.That((string)workflow["diagramSvg"]!, Does.StartWith("<?xml"));
            Assert.That((await app.ClientAs(ClerkRoles.DepartmentClerk, "fire-rescue").GetAsync("/api/supervision/screen")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await app.CreateClient().GetAsync("/api/supervision/screen")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await boss.GetAsync($"/api/supervision/cases/{Guid.NewGuid()}/diagram")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
