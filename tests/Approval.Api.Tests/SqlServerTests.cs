using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests;

/// <summary>
/// The service on SQL Server, the users' production database: migrations at start-up, concurrent
/// approvals with one join, refusals that write nothing. Runs only where APPROVAL_TEST_SQLSERVER
/// holds a connection string (no SQL Server can run on the development machine); skipped otherwise.
/// </summary>
public class SqlServerTests
{
    private ApprovalApp? _app;
    private string? _connectionString;

    [OneTimeSetUp]
    public void Start()
    {
        _connectionString = SqlServerServer.CreateDatabase();
        if (_connectionString is null)
        {
            return;
        }

        _app = new ApprovalApp(Database.On(DatabaseProvider.SqlServer, _connectionString));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is null)
        {
            return;
        }

        // The server is a shared one given from outside: drop the database this run made.
        var factory = _app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.EnsureDeletedAsync();
        }

        _app.Dispose();
    }

    private ApprovalApp App => _app ?? throw new IgnoreException($"Skipped: {SqlServerServer.Unavailable}");

    [Test]
    public async Task Concurrent_approvals_of_every_department_complete_the_case_with_one_join_on_SQL_Server([Range(1, 5)] int round)
    {
        var started = await App.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = true, seats = 40 });
        var caseId = (string)started["id"]!;
        var responses = await Task.WhenAll(started["tasks"]!.AsArray().Select(t =>
            App.Department((string)t!["department"]!, "clerk-" + (string)t["stepId"]!).PostJsonAsync($"/api/tasks/{(string)t["id"]!}/approve", new { })));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        var delivered = await (await App.Window().PostJsonAsync($"/api/cases/{caseId}/deliver", new { method = "pickup" })).ReadJsonAsync();
        var events = (await (await App.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        var audit = await (await App.Window().GetAsync($"/api/cases/{caseId}/audit")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((string)delivered["status"]!, Is.EqualTo("completed"));
            Assert.That(events.Count(e => (string)e!["type"]! == "join-completed"), Is.EqualTo(1));
            Assert.That((bool)audit["valid"]!, Is.True);
        });
    }

    [Test]
    public async Task The_service_really_runs_on_SQL_Server()
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.That(db.Database.ProviderName, Is.EqualTo("Microsoft.EntityFrameworkCore.SqlServer"));
    }

    [Test]
    public async Task Refusals_change_nothing_on_SQL_Server()
    {
        var before = await App.CountAsync();
        var response = await App.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", applicant = Json.Applicant });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await App.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Inboxes_and_the_supervision_overview_answer_on_SQL_Server()
    {
        await App.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = true, seats = 40 });
        var inbox = await App.Department("fire-rescue").GetAsync("/api/tasks");
        var overview = await App.ClientAs(Approval.Engine.Cases.ClerkRoles.Supervisor, null, "boss").GetAsync("/api/supervision/overview");
        var tasks = (await inbox.ReadJsonAsync()).AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(inbox.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(tasks, Is.Not.Empty);
            Assert.That(overview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
