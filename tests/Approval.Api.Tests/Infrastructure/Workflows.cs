using System.Text.Json.Nodes;

namespace Approval.Api.Tests.Infrastructure;

/// <summary>Reads the repository's shipped workflow files, so tests follow the bundles as analysts change them.</summary>
internal static class Workflows
{
    public static string Folder => Approval.Testing.RepositoryPaths.Workflows;

    /// <summary>The material ids of a shipped workflow; none for a bundle a test made itself.</summary>
    public static IReadOnlyList<string> Materials(string workflowId)
    {
        var file = Path.Combine(Folder, workflowId + ".json");
        if (!File.Exists(file))
        {
            return [];
        }

        var json = JsonNode.Parse(File.ReadAllText(file))!;
        return [.. (json["materials"]?.AsArray() ?? []).Select(m => (string)m!["id"]!)];
    }
}
