using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests;

/// <summary><c>GET /api/cases/{id}/audit</c>: a case written by the service verifies; one tampered in the database names the event.</summary>
public class AuditApiTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private async Task Tamper(string sql, string caseId)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync();
        var rows = await db.Database.ExecuteSqlRawAsync(sql, caseId.ToUpperInvariant());
        Assert.That(rows, Is.EqualTo(1), "the tampering hit one row");
    }

    private async Task<(string CaseId, int Events)> CaseWithHistory()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var caseId = (string)started["id"]!;
        var fire = (string)started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
        Assert.That((await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{fire}/approve", new { result = "OK" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        return (caseId, events.Count);
    }

    [Test]
    public async Task A_case_written_by_the_service_verifies_for_any_staff()
    {
        var (caseId, events) = await CaseWithHistory();
        var response = await _app.Department("taxation").GetAsync($"/api/cases/{caseId}/audit");
        var audit = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), audit.ToJsonString());
            Assert.That((string)audit["caseId"]!, Is.EqualTo(caseId));
            Assert.That((bool)audit["valid"]!, Is.True, audit.ToJsonString());
            Assert.That((int)audit["events"]!, Is.EqualTo(events));
            Assert.That(audit["firstBrokenSequence"], Is.Null);
            Assert.That((string)audit["lastHash"]!, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public async Task A_payload_rewritten_in_the_database_is_named()
    {
        var (caseId, _) = await CaseWithHistory();
        await Tamper("UPDATE case_events SET Payload = replace(Payload, '\"OK\"', '\"NO\"') WHERE CaseId = {0} AND Type = 'task-approved'", caseId);
        var events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        var approved = (int)events.Single(e => (string)e!["type"]! == "task-approved")!["sequence"]!;

        var audit = await (await _app.Window().GetAsync($"/api/cases/{caseId}/audit")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((bool)audit["valid"]!, Is.False);
            Assert.That((int)audit["firstBrokenSequence"]!, Is.EqualTo(approved));
            Assert.That((string)audit["kind"]!, Is.EqualTo("hash-mismatch"));
            Assert.That((string)audit["problem"]!, Does.Contain($"Event {approved}"));
        });
    }

    [Test]
    public async Task A_deleted_event_is_named()
    {
        var (caseId, _) = await CaseWithHistory();
        await Tamper("DELETE FROM case_events WHERE CaseId = {0} AND Sequence = 2", caseId);
        var audit = await (await _app.Window().GetAsync($"/api/cases/{caseId}/audit")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((bool)audit["valid"]!, Is.False);
            Assert.That((int)audit["firstBrokenSequence"]!, Is.EqualTo(2));
            Assert.That((string)audit["kind"]!, Is.EqualTo("missing-event"));
        });
    }

    [Test]
    public async Task An_unknown_case_is_404_and_no_token_is_401()
    {
        Assert.That((await _app.Window().GetAsync($"/api/cases/{Guid.NewGuid()}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _app.CreateClient().GetAsync($"/api/cases/{Guid.NewGuid()}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
