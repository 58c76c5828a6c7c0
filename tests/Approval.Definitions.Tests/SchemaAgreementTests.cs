using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

/// <summary>Keeps the JSON Schema that editors use and the loader's own rules in agreement.</summary>
public class SchemaAgreementTests
{
    private static readonly DepartmentRegistry Departments = DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, DefinitionLoader.DepartmentsFile));

    private static string InvalidDir => Path.Combine(RepoPaths.Fixtures, "invalid");

    private static HashSet<string> SemanticOnly() =>
        [.. File.ReadAllLines(Path.Combine(InvalidDir, "semantic-only.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)[0])];

    public static IEnumerable<string> Shipped() =>
        Directory.EnumerateFiles(RepoPaths.Workflows, "*.json").Where(f => !f.EndsWith(DefinitionLoader.DepartmentsFile, StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IEnumerable<string> Invalid() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Fixtures, "invalid"), "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Shipped))]
    public void Shipped_definition_passes_schema_and_loader(string file)
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Workflows, file));
        Assert.Multiple(() =>
        {
            Assert.That(DefinitionSchema.Validate(json, file), Is.Empty);
            Assert.That(DefinitionLoader.Load(json, file, Departments).Diagnostics, Is.Empty);
        });
    }

    [TestCaseSource(nameof(Invalid))]
    public void Invalid_fixture_fails_loader_and_schema_unless_listed_semantic_only(string name)
    {
        var json = File.ReadAllText(Path.Combine(InvalidDir, name + ".json"));
        var schemaErrors = DefinitionSchema.Validate(json, name + ".json");
        Assert.Multiple(() =>
        {
            Assert.That(DefinitionLoader.Load(json, name + ".json", Departments).Errors, Is.Not.Empty);
            if (SemanticOnly().Contains(name))
            {
                Assert.That(schemaErrors, Is.Empty, "listed as semantic-only, but the schema rejects it: remove it from semantic-only.txt");
            }
            else
            {
                Assert.That(schemaErrors, Is.Not.Empty, "the schema accepts it: tighten the schema or list it in semantic-only.txt with a reason");
            }
        });
    }

    [Test]
    public void Semantic_only_list_names_existing_fixtures()
    {
        Assert.That(SemanticOnly(), Is.SubsetOf(Invalid().ToList()));
    }

    [Test]
    public void Schema_findings_use_loader_codes_paths_and_positions()
    {
        var json = File.ReadAllText(Path.Combine(InvalidDir, "several-errors.json"));
        var schema = DefinitionSchema.Validate(json, "several-errors.json").Select(e => $"{e.Code} {e.Line}:{e.Column} {e.JsonPath}");
        Assert.That(schema, Is.EquivalentTo(new[] { "APV021 10:67 $.steps[1].join", "APV023 14:9 $.steps[1].branches[2].department" }));
    }

    [Test]
    public void Every_shipped_definition_references_the_schema()
    {
        foreach (var file in Shipped())
        {
            Assert.That(File.ReadAllText(Path.Combine(RepoPaths.Workflows, file)), Does.Contain("\"$schema\": \"schema/workflow.schema.json\""), file);
        }
    }

    [Test]
    public void The_embedded_schema_is_the_file_editors_read()
    {
        var onDisk = File.ReadAllText(Path.Combine(RepoPaths.Workflows, "schema", "workflow.schema.json"));
        Assert.That(DefinitionSchema.Text, Is.EqualTo(onDisk));
    }

    [Test]
    public void Every_schema_property_has_a_description_for_editors()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(DefinitionSchema.Text)!;
        var missing = new List<string>();
        void Visit(System.Text.Json.Nodes.JsonNode? node, string path)
        {
            if (node is not System.Text.Json.Nodes.JsonObject obj)
            {
                return;
            }

            if (obj["properties"] is System.Text.Json.Nodes.JsonObject props)
            {
                foreach (var (name, schema) in props)
                {
                    if (schema is System.Text.Json.Nodes.JsonObject s && s["description"] is null
                        && !(s["$ref"] is not null && name is "id" or "when"))
                    {
                        missing.Add($"{path}.{name}");
                    }
                }
            }

            foreach (var (name, child) in obj)
            {
                if (child is System.Text.Json.Nodes.JsonArray array)
                {
                    foreach (var item in array)
                    {
                        Visit(item, $"{path}.{name}[]");
                    }
                }
                else
                {
                    Visit(child, $"{path}.{name}");
                }
            }
        }

        Visit(root, "$");
        Assert.That(missing, Is.Empty);
    }
}
