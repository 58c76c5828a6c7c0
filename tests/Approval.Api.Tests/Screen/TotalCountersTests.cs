using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Api.Tests.Supervision;
using Approval.Calendar;
using Approval.Persistence;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;
using Approval.Engine.Cases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Screen;

/// <summary>
/// The all-time totals (<c>supervision_totals</c>) behind <c>GET /api/supervision/overview</c>: the
/// same figures before and after folding (counters plus pending deltas), months after the cases
/// finished (outside the 30-day window), and a total gone wrong is found by the check and repaired
/// by the rebuild.
/// </summary>
public class TotalCountersTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("approval-totals").FullName;

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

    [Test]
    public async Task The_overview_counts_all_history_from_the_totals_and_the_check_guards_them()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        await using var app = new SupervisedApp(Path.Combine(_folder, "approval.db"), clock);
        _ = app.CreateClient();
        await app.CatchUp;
        var window = app.ClientAs(ClerkRoles.WindowClerk, "window", "window");
        for (var i = 0; i < 2; i++)
        {
            var started = await window.StartCaseAsync("open-restaurant", new { hasOutdoorSign = false, seats = 20 });
            foreach (var task in started["tasks"]!.AsArray())
            {
                var approved = await app.ClientAs(ClerkRoles.DepartmentClerk, (string)task!["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { });
                Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
            }

            var delivered = await window.PostJsonAsync($"/api/cases/{(string)started["id"]!}/deliver", new { method = i == 0 ? "pickup" : "electronic" });
            Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Five months later: the finished cases are long out of the screen's 30-day window, not out of the totals.
        clock.SetUtcNow(new DateTimeOffset(2026, 8, 3, 10, 0, 0, China));
        var boss = app.ClientAs(ClerkRoles.Supervisor, null, "boss");
        async Task<JsonNode> CompletionAsync() => (await (await boss.GetAsync("/api/supervision/overview")).ReadJsonAsync())["completion"]!;
        var pending = await CompletionAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)pending["completed"]!, Is.EqualTo(2));
            Assert.That((int)pending["oneVisit"]!, Is.EqualTo(1), "pickup is a second visit");
            Assert.That((double)pending["averageVisits"]!, Is.EqualTo(1.5));
        });

        var factory = app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
        var rebuilder = new CounterRebuilder(factory, app.Services.GetRequiredService<WorkingCalendar>(),
            (id, version) => app.Services.GetRequiredService<WorkflowCatalog>().Find(id, version)?.Definition);
        await app.Services.GetRequiredService<CounterFolder>().FoldAllAsync();
        Assert.That((await CompletionAsync()).ToJsonString(), Is.EqualTo(pending.ToJsonString()), "the same figures once the deltas are folded into the totals");
        Assert.That(await rebuilder.CompareAsync(), Is.Empty);

        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.That(await db.Set<TotalCounterRow>().Where(r => r.Department == Counters.Centre && r.Counter == Counters.Completed).Select(r => r.Value).SingleAsync(), Is.EqualTo(2));
            await db.Set<TotalCounterRow>().Where(r => r.Counter == Counters.Completed).ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, 7));
        }

        Assert.That((int)(await CompletionAsync())["completed"]!, Is.EqualTo(7), "the overview reads the totals, not the days");
        Assert.That(await rebuilder.CompareAsync(), Has.Some.StartsWith("all-time (centre) completed: stored 7, events say 2"));
        await rebuilder.RebuildAsync();
        Assert.That(await rebuilder.CompareAsync(), Is.Empty);
        Assert.That((await CompletionAsync()).ToJsonString(), Is.EqualTo(pending.ToJsonString()), "the rebuild restores the totals");
    }

    [Test]
    public async Task A_fold_between_a_pages_two_reads_does_not_drop_the_pending_deltas()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        await using var app = new SupervisedApp(Path.Combine(_folder, "approval.db"), clock);
        _ = app.CreateClient();
        await app.CatchUp;
        await app.ClientAs(ClerkRoles.WindowClerk, "window", "window").StartCaseAsync("open-restaurant", new { hasOutdoorSign = false, seats = 20 });
        var factory = app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();

        // A page reads the folded rows, the fold commits, then the page reads the pending deltas.
        await using var db = await factory.CreateDbContextAsync();
        long folded, pending;
        await using (await CounterSnapshot.BeginAsync(db, CancellationToken.None))
        {
            folded = await db.Set<StandingCounterRow>().SumAsync(r => r.Value);
            await app.Services.GetRequiredService<CounterFolder>().FoldAllAsync();
            pending = await db.Set<CounterDeltaRow>().Where(d => d.Day == null).SumAsync(d => d.Amount);
        }

        await using var after = await factory.CreateDbContextAsync();
        var settled = await after.Set<StandingCounterRow>().SumAsync(r => r.Value);
        Assert.Multiple(() =>
        {
            Assert.That(settled, Is.GreaterThan(0), "the case's open tasks are counted");
            Assert.That(folded + pending, Is.EqualTo(settled), "one snapshot: the page sees the deltas either pending or folded, never neither");
        });
    }
}
