using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Supervision;
using Approval.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Supervision;

/// <summary>The service process restarted across a due instant, and the supervision endpoints on what it issued.</summary>
public class SupervisionApiTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private string _folder = null!;

    private string DatabasePath => Path.Combine(_folder, "approval.db");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("approval-supervision-api").FullName;

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

    private static async Task<JsonArray> CardsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/supervision/cards" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }

    [Test]
    public async Task A_service_stopped_across_a_warning_point_issues_one_card_and_one_alert_when_it_starts_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        string caseId;
        await using (var before = new SupervisedApp(DatabasePath, clock))
        {
            var window = before.ClientAs(ClerkRoles.WindowClerk, "window", "window");
            caseId = (string)(await window.StartCaseAsync("open-restaurant", new { hasOutdoorSign = false, seats = 40 }))["id"]!;
            await before.CatchUp;
        }

        // Down from Monday to Tuesday noon: the business licence's yellow point (the close of Monday) passed meanwhile.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 12, 0, 0, China));
        await using var after = new SupervisedApp(DatabasePath, clock);
        var supervisor = after.ClientAs(ClerkRoles.Supervisor, null, "boss");
        await after.CatchUp.WaitAsync(TimeSpan.FromSeconds(10));

        var cards = await CardsAsync(supervisor, "?department=market-regulation&open=true");
        var licence = cards.Where(c => (string)c!["stepId"]! == "business-licence").ToList();
        List<OutboxMessageRow> alerts;
        await using (var db = await after.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            var ids = licence.Select(c => Guid.Parse((string)c!["id"]!)).ToList();
            alerts = await db.Set<OutboxMessageRow>().Where(m => ids.Contains(m.EventId)).ToListAsync();
        }

        var events = (await (await supervisor.GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(licence.Select(c => (string)c!["level"]!), Is.EqualTo(new[] { "yellow" }), "one card");
            Assert.That((string)licence[0]!["caseId"]!, Is.EqualTo(caseId));
            Assert.That(alerts, Has.Count.EqualTo(1), "one alert");
            Assert.That(alerts.Single().Status, Is.EqualTo(OutboxStatus.Delivered));
            Assert.That(events.Count(e => (string)e!["type"]! == "card-issued"), Is.GreaterThanOrEqualTo(licence.Count), "the cards are in the case history too");
        });
    }

    [Test]
    public async Task Department_clerks_see_their_own_cards_and_only_supervisors_touch_dead_letters()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        await using var app = new SupervisedApp(DatabasePath, clock);
        var window = app.ClientAs(ClerkRoles.WindowClerk, "window", "window");
        await window.StartCaseAsync("open-restaurant", new { hasOutdoorSign = false, seats = 40 });
        await app.CatchUp;
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 12, 0, 0, China));
        await app.Services.GetRequiredService<Approval.Supervision.Sweep.DeadlineSweeper>().SweepAsync();
        window = app.ClientAs(ClerkRoles.WindowClerk, "window", "window"); // tokens are issued on the (moved) business clock

        var tax = app.ClientAs(ClerkRoles.DepartmentClerk, "taxation");
        var own = await CardsAsync(tax, "");
        var other = await tax.GetAsync("/api/supervision/cards?department=market-regulation");
        var badLevel = await app.ClientAs(ClerkRoles.Supervisor).GetAsync("/api/supervision/cards?level=purple");
        var windowCards = await window.GetAsync("/api/supervision/cards");
        var deadAsClerk = await tax.GetAsync("/api/supervision/dead-letters");
        var deadAsSupervisor = await app.ClientAs(ClerkRoles.Supervisor).GetAsync("/api/supervision/dead-letters");
        var redeliverUnknown = await app.ClientAs(ClerkRoles.Supervisor).PostAsync($"/api/supervision/dead-letters/{Guid.NewGuid()}/redeliver", null);
        var deadLetters = (await deadAsSupervisor.ReadJsonAsync())["items"]!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(own.Select(c => (string)c!["department"]!), Is.Not.Empty.And.All.EqualTo("taxation"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(badLevel.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(windowCards.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deadAsClerk.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deadAsSupervisor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deadLetters, Is.Empty);
            Assert.That(redeliverUnknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(redeliverUnknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }
}
