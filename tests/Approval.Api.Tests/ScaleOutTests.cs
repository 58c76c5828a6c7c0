using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests;

/// <summary>Two service nodes on one database: what one publishes, the other can run.</summary>
public class ScaleOutTests
{
    [Test]
    public async Task A_case_on_a_version_published_through_another_node_is_worked_on_this_one()
    {
        var folder = Directory.CreateTempSubdirectory("approval-nodes").FullName;
        try
        {
            var database = $"Data Source={Path.Combine(folder, "approval.db")}";
            using var nodeA = new ApprovalApp(new() { ["Database:ConnectionString"] = database });
            // One scheduler per SQLite database: the second node serves requests only.
            using var nodeB = new ApprovalApp(new() { ["Database:ConnectionString"] = database, ["Supervision:Enabled"] = "false" });
            _ = nodeB.CreateClient();

            var changed = JsonNode.Parse(File.ReadAllText(Path.Combine(Workflows.Folder, "open-restaurant.json")))!.AsObject();
            changed["name"] = "开餐馆（节点A发布）";
            var published = await nodeA.ClientAs(ClerkRoles.Analyst, null, "analyst").PostJsonAsync("/api/workflows", new { definition = changed });
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            var version = (int)(await published.ReadJsonAsync())["version"]!;

            var started = await nodeA.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
            Assert.That((int)started["workflowVersion"]!, Is.EqualTo(version));

            var task = started["tasks"]![0]!;
            var approved = await nodeB.Department((string)task["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { });
            var onB = await (await nodeB.Window().GetAsync($"/api/cases/{(string)started["id"]!}")).ReadJsonAsync();
            Assert.Multiple(() =>
            {
                Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), "node B loads the version it had not seen");
                Assert.That((string)onB["workflowName"]!, Is.EqualTo("开餐馆（节点A发布）"));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
