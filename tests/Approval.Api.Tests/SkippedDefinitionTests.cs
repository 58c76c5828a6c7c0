using Approval.Api.Tests.Infrastructure;

namespace Approval.Api.Tests;

/// <summary>A broken definition file never stops the service: it starts with the valid ones and says which file it skipped and why.</summary>
public class SkippedDefinitionTests
{
    [Test]
    public async Task The_service_starts_with_the_valid_definitions_and_lists_the_skipped_file_with_its_errors()
    {
        var folder = Directory.CreateTempSubdirectory("approval-skipped").FullName;
        try
        {
            File.Copy(Path.Combine(Workflows.Folder, "departments.json"), Path.Combine(folder, "departments.json"));
            File.Copy(Path.Combine(Workflows.Folder, "open-restaurant.json"), Path.Combine(folder, "open-restaurant.json"));
            File.WriteAllText(Path.Combine(folder, "broken.json"), """
                { "id": "broken", "name": "坏的",
                  "steps": [
                    { "type": "intake", "id": "intake", "name": "受理" },
                    { "type": "parallel", "id": "review", "name": "审查", "join": "most", "branches": [
                      { "type": "task", "id": "a", "name": "A", "timeLimit": { "workingDays": 1 } },
                      { "type": "task", "id": "a", "name": "B", "department": "taxation", "timeLimit": { "workingDays": 1 } } ] },
                    { "type": "delivery", "id": "deliver", "name": "出件" } ] }
                """);

            using var app = new ApprovalApp(new() { ["Approval:WorkflowsPath"] = folder });
            var body = await (await app.Window().GetAsync("/api/workflows")).ReadJsonAsync();

            var skipped = body["skipped"]!.AsArray().Single()!;
            var errors = skipped["errors"]!.AsArray().Select(e => (string)e!).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(body["workflows"]!.AsArray().Select(w => (string)w!["id"]!), Is.EqualTo(new[] { "open-restaurant" }));
                Assert.That((string)skipped["file"]!, Is.EqualTo("broken.json"));
                Assert.That(errors, Has.Some.Contains("APV021").And.Some.Contains("APV020").And.Some.Contains("APV023"), string.Join("\n", errors));
                Assert.That(errors, Has.All.Contains("$."), "every error names its JSON path");
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
