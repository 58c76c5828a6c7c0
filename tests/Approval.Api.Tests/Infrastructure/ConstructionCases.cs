using System.Net;
using System.Text.Json.Nodes;
using Approval.Engine.Cases;

namespace Approval.Api.Tests.Infrastructure;

/// <summary>Cases on the shipped 工程建设 bundle (construction-permit), walked forward by approving every open task.</summary>
internal static class ConstructionCases
{
    public static readonly object Data = new { investment = 5000.0, landArea = 20000.0, hazardous = false, hasCivilAirDefence = false, needsWaterSaving = false, projectCategory = "general" };

    public static async Task<JsonNode> GetCaseAsync(this ApprovalApp app, string caseId)
    {
        var response = await app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync($"/api/cases/{caseId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.ReadJsonAsync();
    }

    /// <summary>Starts a case and approves open tasks until <paramref name="stepId"/>'s task is open; returns the case id.</summary>
    public static async Task<string> StartAtAsync(this ApprovalApp app, string stepId)
    {
        var started = await app.Window().StartCaseAsync("construction-permit", Data);
        var caseId = (string)started["id"]!;
        for (var guard = 0; guard < 60; guard++)
        {
            var open = (await app.GetCaseAsync(caseId))["tasks"]!.AsArray()
                .Where(t => (string)t!["status"]! is "open" or "claimed").ToList();
            if (open.Any(t => (string)t!["stepId"]! == stepId))
            {
                return caseId;
            }

            Assert.That(open, Is.Not.Empty, $"no open task before {stepId}");
            // One at a time: an approval may cancel others (the 三取二 expert quorum).
            var task = open[0]!;
            var approved = await app.Department((string)task["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { });
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
        }

        throw new AssertionException($"{stepId} never opened");
    }

    public static string OpenTaskOf(JsonNode caseView, string stepId) =>
        (string)caseView["tasks"]!.AsArray().Last(t => (string)t!["stepId"]! == stepId && (string)t["kind"]! == "approval")!["id"]!;
}
