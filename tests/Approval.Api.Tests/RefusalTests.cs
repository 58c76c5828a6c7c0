using System.Net;
using System.Text;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;

namespace Approval.Api.Tests;

/// <summary>Every refused call answers with problem details naming the fault, and writes nothing.</summary>
public class RefusalTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        });
        if (field is not null)
        {
            var json = await response.ReadJsonAsync();
            Assert.That(json["errors"]?[field], Is.Not.Null, body);
        }
    }

    [Test]
    public async Task Rejection_under_all_cancels_the_siblings_and_later_approvals_get_409_with_nothing_changed()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var caseId = (string)started["id"]!;
        var tasks = started["tasks"]!.AsArray().Select(t => t!).ToList();
        var fire = tasks.Single(t => (string)t["department"]! == "fire-rescue");

        var rejected = await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{(string)fire["id"]!}/reject", new { reason = "消防通道不合格" });
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var after = await (await _app.Window().GetAsync($"/api/cases/{caseId}")).ReadJsonAsync();
        var statuses = after["tasks"]!.AsArray().ToDictionary(t => (string)t!["stepId"]!, t => (string)t!["status"]!);
        Assert.Multiple(() =>
        {
            Assert.That((string)after["status"]!, Is.EqualTo("rejected"));
            Assert.That(statuses.Where(s => s.Key != (string)fire["stepId"]!).Select(s => s.Value), Is.All.EqualTo("cancelled"));
        });

        var before = await _app.CountAsync();
        var other = tasks.First(t => (string)t["id"]! != (string)fire["id"]!);
        var late = await _app.Department((string)other["department"]!).PostJsonAsync($"/api/tasks/{(string)other["id"]!}/approve", new { });
        await AssertProblem(late, HttpStatusCode.Conflict);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Unknown_workflow_is_a_400_naming_the_field()
    {
        var before = await _app.CountAsync();
        await AssertProblem(await _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-spaceport" }), HttpStatusCode.BadRequest, "workflowId");
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Form_data_with_an_undeclared_field_is_a_400_naming_it()
    {
        var before = await _app.CountAsync();
        var response = await _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = "yes" }, materials = Json.AllMaterials("open-restaurant") });
        await AssertProblem(response, HttpStatusCode.BadRequest, "data.hasOutdoorSign");
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [TestCase("{\"workflowId\": ")]
    [TestCase("{\"workflowId\": 42}")]
    [TestCase("[1,2]")]
    public async Task A_malformed_body_is_a_400_problem_not_a_500(string body)
    {
        var before = await _app.CountAsync();
        var response = await _app.Window().PostAsync("/api/cases", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Unknown_task_is_a_404_and_a_clerk_of_another_department_gets_403()
    {
        await AssertProblem(await _app.Department("taxation").PostJsonAsync($"/api/tasks/{Guid.NewGuid()}/approve", new { }), HttpStatusCode.NotFound);

        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!;
        var before = await _app.CountAsync();
        await AssertProblem(await _app.Department("taxation").PostJsonAsync($"/api/tasks/{(string)fire["id"]!}/approve", new { }), HttpStatusCode.Forbidden);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_rejection_without_reason_is_a_400_naming_reason()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!;
        var before = await _app.CountAsync();
        await AssertProblem(await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{(string)fire["id"]!}/reject", new { }), HttpStatusCode.BadRequest, "reason");
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Without_a_token_every_api_call_is_401_and_writes_nothing()
    {
        var before = await _app.CountAsync();
        await AssertProblem(await _app.CreateClient().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant" }), HttpStatusCode.Unauthorized);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Only_a_window_clerk_starts_a_case()
    {
        var before = await _app.CountAsync();
        await AssertProblem(await _app.Department("taxation").PostJsonAsync("/api/cases", new { workflowId = "open-restaurant" }), HttpStatusCode.Forbidden);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [TestCase(ClerkRoles.DepartmentClerk, "taxation")]
    [TestCase(ClerkRoles.Supervisor, null)]
    public async Task A_complete_intake_by_a_clerk_not_at_the_window_is_the_engines_window_only_problem(string role, string? department)
    {
        // The whole body is valid, so nothing but the engine's rule (CaseAccess.MayStartCase) can refuse it.
        var before = await _app.CountAsync();
        var response = await _app.ClientAs(role, department).PostJsonAsync("/api/cases",
            new { workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = false }, materials = Json.AllMaterials("open-restaurant") });

        await AssertProblem(response, HttpStatusCode.Forbidden);
        var problem = await response.ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That((string?)problem["code"], Is.EqualTo("window-only"));
            Assert.That((string?)problem["detail"], Does.Contain("综合窗口受理"));
            Assert.That(await _app.CountAsync(), Is.EqualTo(before));
        });
    }
}
