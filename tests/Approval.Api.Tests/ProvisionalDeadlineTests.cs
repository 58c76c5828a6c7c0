using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests;

/// <summary>A deadline reaching into a year with no calendar file says it is provisional; adding the file and restarting recomputes it.</summary>
public class ProvisionalDeadlineTests
{
    [Test]
    public async Task A_20_working_day_task_started_2026_12_15_is_provisional_until_2027_is_added_and_the_service_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("approval-provisional").FullName;
        var database = Path.Combine(folder, "approval.db");
        try
        {
            File.Copy(Path.Combine(Workflows.Folder, "departments.json"), Path.Combine(folder, "departments.json"));
            Directory.CreateDirectory(Path.Combine(folder, "calendars"));
            File.Copy(Path.Combine(Workflows.Folder, "calendars", "2026.json"), Path.Combine(folder, "calendars", "2026.json"));
            File.WriteAllText(Path.Combine(folder, "long-review.json"), """
                { "id": "long-review", "name": "长时审查", "timeLimit": { "workingDays": 20 },
                  "steps": [
                    { "type": "intake", "id": "intake", "name": "受理" },
                    { "type": "task", "id": "review", "name": "审查", "department": "housing-construction", "timeLimit": { "workingDays": 20 } },
                    { "type": "delivery", "id": "deliver", "name": "出件" } ] }
                """);
            var settings = new Dictionary<string, string?>
            {
                ["Approval:WorkflowsPath"] = folder,
                ["Database:ConnectionString"] = $"Data Source={database}",
            };
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(8)));

            string caseId;
            JsonNode before;
            using (var app = new ApprovalApp(settings, clock))
            {
                var started = await app.Window().StartCaseAsync("long-review");
                caseId = (string)started["id"]!;
                before = started["tasks"]![0]!["due"]!;
                Assert.Multiple(() =>
                {
                    Assert.That((bool)before["provisional"]!, Is.True);
                    Assert.That((bool)started["due"]!["provisional"]!, Is.True);
                });
            }

            File.WriteAllText(Path.Combine(folder, "calendars", "2027.json"), """
                { "year": 2027, "source": "test data standing in for the unpublished 2027 notice",
                  "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" } ],
                  "makeUpWorkingDays": [] }
                """);
            using (var app = new ApprovalApp(settings, clock))
            {
                var after = await (await app.Window().GetAsync($"/api/cases/{caseId}")).ReadJsonAsync();
                var task = after["tasks"]![0]!;
                Assert.Multiple(() =>
                {
                    Assert.That((bool)task["due"]!["provisional"]!, Is.False);
                    Assert.That((string)task["due"]!["at"]!, Is.Not.EqualTo((string)before["at"]!), "New Year's Day off moves the due");
                    Assert.That((int)task["dueVersion"]!, Is.EqualTo(2));
                    Assert.That((bool)after["due"]!["provisional"]!, Is.False);
                });
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
