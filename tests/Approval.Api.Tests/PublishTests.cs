using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests;

/// <summary>Publishing through the API: new versions for changed content, none for identical content, running cases stay on their version.</summary>
public class PublishTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private HttpClient Analyst => _app.ClientAs(ClerkRoles.Analyst, null, "analyst");

    private static JsonObject Restaurant() => JsonNode.Parse(File.ReadAllText(Path.Combine(Workflows.Folder, "open-restaurant.json")))!.AsObject();

    [Test]
    public async Task A_changed_definition_becomes_a_new_version_while_an_old_case_finishes_on_the_old_one()
    {
        var old = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var oldVersion = (int)old["workflowVersion"]!;

        var changed = Restaurant();
        changed["name"] = "开餐馆（新版）";
        var tax = changed["steps"]![1]!["branches"]!.AsArray().Single(b => (string)b!["id"]! == "tax-registration")!;
        tax["timeLimit"] = new JsonObject { ["workingDays"] = 2 };
        var published = await Analyst.PostJsonAsync("/api/workflows", new { definition = changed });
        var body = await published.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
            Assert.That((int)body["version"]!, Is.EqualTo(oldVersion + 1));
        });

        var again = await Analyst.PostJsonAsync("/api/workflows", new { definition = changed });
        Assert.Multiple(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((bool)(await again.ReadJsonAsync())["created"]!, Is.False, "identical content makes no new version");
        });

        var fresh = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        Assert.That((int)fresh["workflowVersion"]!, Is.EqualTo(oldVersion + 1));

        foreach (var task in old["tasks"]!.AsArray())
        {
            var approved = await _app.Department((string)task!["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { });
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var delivered = await (await _app.Window().PostJsonAsync($"/api/cases/{(string)old["id"]!}/deliver", new { method = "electronic" })).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((string)delivered["status"]!, Is.EqualTo("completed"));
            Assert.That((int)delivered["workflowVersion"]!, Is.EqualTo(oldVersion));
            Assert.That((string)delivered["workflowName"]!, Is.EqualTo("开餐馆"));
        });
    }

    [Test]
    public async Task An_invalid_definition_is_refused_with_every_error_by_path_and_publishes_nothing()
    {
        var broken = Restaurant();
        broken["id"] = "broken-restaurant";
        broken["steps"]![1]!["join"] = "most";
        broken["steps"]![1]!["branches"]![0]!.AsObject().Remove("department");

        var response = await Analyst.PostJsonAsync("/api/workflows", new { definition = broken });
        var body = await response.ReadJsonAsync();
        var versions = await _app.Window().GetAsync("/api/workflows/broken-restaurant/versions");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Does.Contain("definition.steps[1].join").And.Contain("definition.steps[1].branches[0].department"));
            Assert.That(versions.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Only_analysts_publish()
    {
        var response = await _app.Window().PostJsonAsync("/api/workflows", new { definition = Restaurant() });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
