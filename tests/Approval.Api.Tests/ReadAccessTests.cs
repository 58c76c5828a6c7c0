using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests;

/// <summary>Issue 12 finding 4: who reads which case and task, and who sees the applicant's identifiers in full.</summary>
public class ReadAccessTests
{
    private ApprovalApp _app = null!;
    private string _caseId = null!;
    private string _fireTask = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new ApprovalApp();
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        _caseId = (string)started["id"]!;
        _fireTask = (string)started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private async Task<JsonNode> Applicant(HttpClient client)
    {
        var response = await client.GetAsync($"/api/cases/{_caseId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["applicant"]!;
    }

    [Test]
    public async Task The_window_and_supervisors_read_the_case_in_full()
    {
        foreach (var client in new[] { _app.Window(), _app.ClientAs(ClerkRoles.Supervisor, null, "boss") })
        {
            var applicant = await Applicant(client);
            Assert.That((string)applicant["id"]!, Is.EqualTo("11010519491231002X"));
            Assert.That((string)applicant["phone"]!, Is.EqualTo("13800000000"));
        }
    }

    [Test]
    public async Task A_department_of_the_case_reads_it_with_identifiers_masked_in_the_case_and_its_events()
    {
        var fire = _app.Department("fire-rescue");
        var applicant = await Applicant(fire);
        Assert.That((string)applicant["id"]!, Is.EqualTo("110105********002X"));
        Assert.That((string)applicant["phone"]!, Is.EqualTo("138****0000"));
        Assert.That((string)applicant["name"]!, Is.EqualTo("张三"));

        var events = await (await fire.GetAsync($"/api/cases/{_caseId}/events")).Content.ReadAsStringAsync();
        Assert.That(events, Does.Not.Contain("11010519491231002X").And.Not.Contain("13800000000").And.Contain("110105********002X"));
        Assert.That((await fire.GetAsync($"/api/cases/{_caseId}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("urban-management")]
    public async Task A_department_without_a_task_in_the_case_reads_nothing_of_it(string department)
    {
        var other = _app.Department(department);
        foreach (var url in new[] { $"/api/cases/{_caseId}", $"/api/cases/{_caseId}/events", $"/api/cases/{_caseId}/audit" })
        {
            await ProblemsTests.AssertProblem(await other.GetAsync(url), HttpStatusCode.Forbidden, code: "other-department");
        }
    }

    [Test]
    public async Task An_analyst_reads_no_case_data()
    {
        var analyst = _app.ClientAs(ClerkRoles.Analyst, null, "analyst");
        foreach (var url in new[] { $"/api/cases/{_caseId}", $"/api/cases/{_caseId}/events", $"/api/cases/{_caseId}/audit" })
        {
            await ProblemsTests.AssertProblem(await analyst.GetAsync(url), HttpStatusCode.Forbidden, code: "case-read-not-allowed");
        }

        Assert.That((await analyst.GetAsync("/api/workflows")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "analysts still read definitions");
    }

    [Test]
    public async Task A_task_is_read_by_its_department_the_window_and_supervisors_only()
    {
        Assert.That((await _app.Department("fire-rescue").GetAsync($"/api/tasks/{_fireTask}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _app.Window().GetAsync($"/api/tasks/{_fireTask}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync($"/api/tasks/{_fireTask}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemsTests.AssertProblem(await _app.Department("taxation").GetAsync($"/api/tasks/{_fireTask}"), HttpStatusCode.Forbidden, code: "other-department");
        await ProblemsTests.AssertProblem(await _app.ClientAs(ClerkRoles.Analyst, null, "analyst").GetAsync($"/api/tasks/{_fireTask}"), HttpStatusCode.Forbidden, code: "other-department");
    }
}
