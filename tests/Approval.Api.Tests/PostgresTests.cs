using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests;

/// <summary>The service on PostgreSQL, the real server this machine can run: migrations, concurrency and the clustered scheduler.</summary>
public class PostgresTests
{
    private ApprovalApp? _app;

    [OneTimeSetUp]
    public void Start()
    {
        var connectionString = PostgresServer.CreateDatabase();
        if (connectionString is null)
        {
            return;
        }

        _app = new ApprovalApp(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = connectionString,
        });
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    private ApprovalApp App => _app ?? throw new IgnoreException($"Skipped: needs a PostgreSQL server. {PostgresServer.Unavailable}");

    [Test]
    public async Task Concurrent_approvals_of_every_department_complete_the_case_with_one_join_on_PostgreSQL([Range(1, 10)] int round)
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
    public async Task The_service_really_runs_on_PostgreSQL()
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<Approval.Persistence.ApprovalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.That(db.Database.ProviderName, Is.EqualTo("Npgsql.EntityFrameworkCore.PostgreSQL"));
    }

    [Test]
    public async Task Refusals_change_nothing_on_PostgreSQL()
    {
        var before = await App.CountAsync();
        var response = await App.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", applicant = Json.Applicant });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await App.CountAsync(), Is.EqualTo(before));
    }
}
