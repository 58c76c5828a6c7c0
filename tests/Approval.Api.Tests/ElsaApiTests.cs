using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests;

/// <summary>GET …/versions/{v}/elsa and POST /api/workflows/import/elsa: Elsa files out and in, validated, published, refused by path.</summary>
public class ElsaApiTests
{
    private static readonly string ElsaFixtures = Path.Combine(Approval.Testing.RepositoryPaths.Root, "tests", "fixtures", "elsa");
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private HttpClient Analyst => _app.ClientAs(ClerkRoles.Analyst, null, "analyst");

    private async Task<JsonObject> ExportAsync(string workflowId, int version)
    {
        var response = await _app.Window().GetAsync($"/api/workflows/{workflowId}/versions/{version}/elsa");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return (await response.ReadJsonAsync()).AsObject();
    }

    private Task<HttpResponseMessage> ImportAsync(HttpClient client, string text) =>
        client.PostAsync("/api/workflows/import/elsa", new StringContent(text, Encoding.UTF8, "application/json"));

    [Test]
    public async Task A_published_version_exports_as_an_Elsa_definition_of_that_version()
    {
        var elsa = await ExportAsync("open-restaurant", 1);

        Assert.Multiple(() =>
        {
            Assert.That((string?)elsa["$schema"], Does.StartWith("https://elsaworkflows.io/schemas/workflow-definition"));
            Assert.That((string?)elsa["definitionId"], Is.EqualTo("open-restaurant"));
            Assert.That((int?)elsa["version"], Is.EqualTo(1));
            Assert.That((string?)elsa["createdAt"], Is.Not.Null);
            Assert.That((string?)elsa["root"]!["type"], Is.EqualTo("Elsa.Flowchart"));
        });
    }

    [Test]
    public async Task An_unknown_version_is_a_404_problem()
    {
        var response = await _app.Window().GetAsync("/api/workflows/open-restaurant/versions/999/elsa");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await response.ReadJsonAsync())["code"], Is.EqualTo("unknown-workflow-version"));
    }

    [Test]
    public async Task Its_own_export_imports_back_as_identical_content_so_no_new_version()
    {
        var elsa = await ExportAsync("company-setup", 1);

        var response = await ImportAsync(Analyst, elsa.ToJsonString());
        var body = await response.ReadJsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That((bool)body["created"]!, Is.False);
        Assert.That((int)body["version"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task An_Elsa_authored_flowchart_is_published_as_a_new_workflow_that_cases_can_start()
    {
        var response = await ImportAsync(Analyst, await File.ReadAllTextAsync(Path.Combine(ElsaFixtures, "authored", "fork-join-3.6.json")));
        var body = await response.ReadJsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        Assert.That((string)body["id"]!, Is.EqualTo("shop-licences"));
        var started = await _app.Window().StartCaseAsync("shop-licences");
        Assert.That(started["tasks"]!.AsArray().Select(t => (string)t!["department"]!), Is.EquivalentTo(new[] { "market-regulation", "taxation" }));
    }

    [Test]
    public async Task A_broken_file_is_a_400_naming_each_activity_by_JSON_path_and_publishes_nothing()
    {
        var before = await (await _app.Window().GetAsync("/api/workflows")).ReadJsonAsync();

        var response = await ImportAsync(Analyst, await File.ReadAllTextAsync(Path.Combine(ElsaFixtures, "invalid", "unsupported.json")));
        var problem = await response.ReadJsonAsync();

        var after = await (await _app.Window().GetAsync("/api/workflows")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((string?)problem["code"], Is.EqualTo("elsa-invalid"));
            Assert.That((string?)problem["errors"]!["$.root.activities[1]"]![0], Does.StartWith("ELSA004 (activity WriteLine1, Elsa.WriteLine)"));
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("$.root.connections[10]").And.Contain("$.variables[0]"));
            Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
        });
    }

    [TestCase("{ not json")]
    [TestCase("")]
    [TestCase("""{ "id": "ours", "name": "不是 Elsa", "steps": [] }""")]
    public async Task Text_that_is_no_Elsa_definition_is_a_400(string text)
    {
        var response = await ImportAsync(Analyst, text);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await response.ReadJsonAsync())["code"], Is.EqualTo("elsa-invalid"));
    }

    [Test]
    public async Task Only_an_analyst_may_import()
    {
        var response = await ImportAsync(_app.Window(), await File.ReadAllTextAsync(Path.Combine(ElsaFixtures, "authored", "fork-join-3.6.json")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
