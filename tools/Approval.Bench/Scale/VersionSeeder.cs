using System.Text.Json.Nodes;
using Approval.Definitions.Loading;
using Approval.Persistence.Rows;
using Microsoft.Data.Sqlite;

namespace Approval.Bench.Scale;

/// <summary>
/// N published versions of the 开餐馆 bundle, each a real definition (it differs from the next only in
/// its description) stored as the publisher stores it — canonical JSON and content hash — so the
/// service loads every one at start-up and publishes the shipped file as version N+1.
/// </summary>
internal static class VersionSeeder
{
    public static void Seed(string connectionString, int versions)
    {
        var departments = Approval.Definitions.Departments.DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, DefinitionLoader.DepartmentsFile));
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Workflows, Bundle.WorkflowId + ".json")))!.AsObject();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO workflow_versions (WorkflowId, Version, Name, ContentHash, Definition, SourceFile, PublishedAt) VALUES ($id, $version, $name, $hash, $definition, $file, $at)";
        for (var v = 1; v <= versions; v++)
        {
            var variant = template.DeepClone().AsObject();
            variant["description"] = $"{template["description"]}（历史版本 {v}）";
            var loaded = DefinitionLoader.Load(variant.ToJsonString(), Bundle.WorkflowId + ".json", departments);
            var row = new WorkflowVersionRow
            {
                WorkflowId = Bundle.WorkflowId, Version = v, Name = loaded.Definition!.Name, ContentHash = loaded.ContentHash!,
                Definition = loaded.CanonicalJson!, SourceFile = Bundle.WorkflowId + ".json", PublishedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(v),
            };
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", row.WorkflowId);
            insert.Parameters.AddWithValue("$version", row.Version);
            insert.Parameters.AddWithValue("$name", row.Name);
            insert.Parameters.AddWithValue("$hash", row.ContentHash);
            insert.Parameters.AddWithValue("$definition", row.Definition);
            insert.Parameters.AddWithValue("$file", row.SourceFile);
            insert.Parameters.AddWithValue("$at", Seeding.SqliteFormat.Value(row.PublishedAt));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
