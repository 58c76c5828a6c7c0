using System.Text.Json.Nodes;

namespace Approval.Bench.Startup;

/// <summary>
/// A workflows folder with N definitions: the shipped departments and calendars, and N copies of
/// the 开餐馆 bundle, each with its own id (= file name) and name, so each is a distinct definition
/// the service must load, validate and publish.
/// </summary>
internal static class BundleVariants
{
    public static string Create(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepoPaths.Workflows, "departments.json"), Path.Combine(folder, "departments.json"), overwrite: true);
        var calendars = Path.Combine(folder, "calendars");
        Directory.CreateDirectory(calendars);
        foreach (var file in Directory.GetFiles(RepoPaths.Calendars))
        {
            File.Copy(file, Path.Combine(calendars, Path.GetFileName(file)), overwrite: true);
        }

        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Workflows, Bundle.WorkflowId + ".json")))!.AsObject();
        template.Remove("$schema");
        for (var i = 1; i <= count; i++)
        {
            var id = $"{Bundle.WorkflowId}-{i:D3}";
            var variant = template.DeepClone().AsObject();
            variant["id"] = id;
            variant["name"] = $"开餐馆（变体 {i}）";
            File.WriteAllText(Path.Combine(folder, id + ".json"), variant.ToJsonString());
        }

        return folder;
    }
}
