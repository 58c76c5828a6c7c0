using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;

namespace Approval.Api.Tests;

/// <summary>Clerks acting at the same moment: every branch approval lands, the join fires once, a double approval gets 409.</summary>
public class RaceTests
{
    private const int Branches = 20;
    private static readonly string[] Departments = ["market-regulation", "fire-rescue", "taxation", "urban-management", "public-security"];

    private string _folder = null!;
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        // A bundle of its own with twenty parallel branches, beside the real registry and calendars.
        _folder = Directory.CreateTempSubdirectory("approval-race").FullName;
        File.Copy(Path.Combine(Workflows.Folder, "departments.json"), Path.Combine(_folder, "departments.json"));
        Directory.CreateDirectory(Path.Combine(_folder, "calendars"));
        foreach (var file in Directory.GetFiles(Path.Combine(Workflows.Folder, "calendars"), "*.json"))
        {
            File.Copy(file, Path.Combine(_folder, "calendars", Path.GetFileName(file)));
        }

        var branches = new JsonArray([.. Enumerable.Range(1, Branches).Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "task",
            ["id"] = $"item-{i}",
            ["name"] = $"事项{i}",
            ["department"] = Departments[i % Departments.Length],
            ["timeLimit"] = new JsonObject { ["workingDays"] = 3 },
        })]);
        var definition = new JsonObject
        {
            ["id"] = "twenty-branches",
            ["name"] = "二十部门并联",
            ["timeLimit"] = new JsonObject { ["workingDays"] = 5 },
            ["steps"] = new JsonArray(
                new JsonObject { ["type"] = "intake", ["id"] = "intake", ["name"] = "受理" },
                new JsonObject { ["type"] = "parallel", ["id"] = "joint", ["name"] = "并联审批", ["join"] = "all", ["branches"] = branches },
                new JsonObject { ["type"] = "delivery", ["id"] = "deliver", ["name"] = "出件" }),
        };
        File.WriteAllText(Path.Combine(_folder, "twenty-branches.json"), definition.ToJsonString());
        _app = new ApprovalApp(new() { ["Approval:WorkflowsPath"] = _folder });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Twenty_parallel_approvals_on_one_case_always_give_one_join([Range(1, 50)] int round)
    {
        var started = await _app.Window().StartCaseAsync("twenty-branches");
        var caseId = (string)started["id"]!;
        var tasks = started["tasks"]!.AsArray().Select(t => t!).ToList();
        Assert.That(tasks, Has.Count.EqualTo(Branches));

        var responses = await Task.WhenAll(tasks.Select(t =>
            _app.Department((string)t["department"]!, "clerk-" + (string)t["stepId"]!).PostJsonAsync($"/api/tasks/{(string)t["id"]!}/approve", new { })));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(events.Count(e => (string)e!["type"]! == "join-completed"), Is.EqualTo(1));
            Assert.That(events.Count(e => (string)e!["type"]! == "task-approved"), Is.EqualTo(Branches));
            Assert.That(events.Count(e => (string)e!["type"]! == "delivery-ready"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Two_approvals_of_one_task_at_once_one_succeeds_the_other_gets_409([Range(1, 10)] int round)
    {
        var started = await _app.Window().StartCaseAsync("twenty-branches");
        var task = started["tasks"]!.AsArray()[0]!;
        var url = $"/api/tasks/{(string)task["id"]!}/approve";
        var department = (string)task["department"]!;

        var responses = await Task.WhenAll(
            _app.Department(department, "a").PostJsonAsync(url, new { }),
            _app.Department(department, "b").PostJsonAsync(url, new { }));

        Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var events = (await (await _app.Window().GetAsync($"/api/cases/{(string)started["id"]!}/events")).ReadJsonAsync()).AsArray();
        Assert.That(events.Count(e => (string)e!["type"]! == "task-approved"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_branch_returned_for_supplement_while_its_siblings_are_approved_holds_the_join_until_it_is_approved()
    {
        var started = await _app.Window().StartCaseAsync("twenty-branches");
        var caseId = (string)started["id"]!;
        var tasks = started["tasks"]!.AsArray().Select(t => t!).ToList();
        var waiting = tasks[0];
        var waitingUrl = $"/api/tasks/{(string)waiting["id"]!}";
        var department = (string)waiting["department"]!;
        var stopped = await _app.Department(department).PostJsonAsync(waitingUrl + "/supplement-request", new { missing = new[] { "补充材料" } });
        Assert.That(stopped.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var siblings = await Task.WhenAll(tasks.Skip(1).Select(t =>
            _app.Department((string)t["department"]!, "clerk-" + (string)t["stepId"]!).PostJsonAsync($"/api/tasks/{(string)t["id"]!}/approve", new { })));
        Assert.That(siblings.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        var midway = await (await _app.Window().GetAsync($"/api/cases/{caseId}")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((string)midway["status"]!, Is.EqualTo("running"), "the join waits for the supplemented branch");
            Assert.That((bool)midway["clockStopped"]!, Is.True);
        });

        var resumed = await (await _app.Window().PostJsonAsync(waitingUrl + "/supplement-received", new { channel = "online" })).ReadJsonAsync();
        Assert.That((int)resumed["dueVersion"]!, Is.EqualTo(2), "the branch's clock restarted with a moved due");
        var approved = await _app.Department(department).PostJsonAsync(waitingUrl + "/approve", new { });
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        var done = await (await _app.Window().GetAsync($"/api/cases/{caseId}")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(events.Count(e => (string)e!["type"]! == "join-completed"), Is.EqualTo(1));
            Assert.That((string)done["status"]!, Is.EqualTo("awaiting-delivery"));
        });
    }
}
