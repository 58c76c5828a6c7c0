using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approval.Api.Tests.Infrastructure;

internal static class Json
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new AssertionException($"empty body ({(int)response.StatusCode})");
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body) =>
        client.PostAsJsonAsync(url, body, JsonSerializerOptions.Web);

    /// <summary>A valid person applicant (the published example resident ID number).</summary>
    public static readonly object Applicant = new { kind = "person", id = "11010519491231002X", name = "张三", phone = "13800000000" };

    /// <summary>Every material of a shipped workflow, handed in at intake.</summary>
    public static object[] AllMaterials(string workflowId) =>
        [.. Workflows.Materials(workflowId).Select(m => new { materialId = m, provided = true })];

    public static async Task<JsonNode> StartCaseAsync(this HttpClient window, string workflowId, object? data = null)
    {
        var response = await window.PostJsonAsync("/api/cases", new { workflowId, applicant = Applicant, data, materials = AllMaterials(workflowId) });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
